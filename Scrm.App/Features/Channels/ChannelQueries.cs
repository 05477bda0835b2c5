using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;

namespace Scrm.App.Features.Channels;

public sealed record InboundRow(long Id, string Channel, string Sender, string Kind, InboundStatus Status, int Attempts,
    DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, string? TicketNumber, string? Outcome);

public sealed record MemberLinkRow(string WeComUserId, string ContactName, long CustomerId, string CustomerName);

/// <summary>The admin's view of the channels: the latest inbound messages and the WeCom members known as customers.</summary>
public sealed class ChannelQueries(IDbContextFactory<ScrmDbContext> dbFactory)
{
    public const int Latest = 100;

    public async Task<IReadOnlyList<InboundRow>> InboundAsync(AccessScope scope, CancellationToken ct = default)
    {
        Demand(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await db.InboundMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(Latest)
            .Select(m => new InboundRow(m.Id, m.Channel, m.Sender, m.Kind, m.Status, m.Attempts, m.ReceivedAt, m.ProcessedAt, m.TicketNumber, m.Outcome))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<MemberLinkRow>> MembersAsync(AccessScope scope, CancellationToken ct = default)
    {
        Demand(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await db.WeComUserLinks.AsNoTracking().OrderBy(l => l.WeComUserId)
            .Join(db.Customers, l => l.CustomerId, c => c.Id, (l, c) => new MemberLinkRow(l.WeComUserId, l.ContactName, c.Id, c.Name))
            .ToListAsync(ct);
    }

    private static void Demand(AccessScope scope)
    {
        if (!scope.IsIn(AppRoles.Admin)) throw new AccessDeniedException("Channels.Denied", "Only administrators see the channels' messages.");
    }
}
