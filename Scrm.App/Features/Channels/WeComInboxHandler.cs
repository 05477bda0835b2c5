using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Channels;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Channels;

/// <summary>
/// Handles one stored WeCom message: "报修 …" opens a ticket for the sender's customer, "查询"/"进度" lists their open
/// tickets, anything else gets the help text; each answer goes back as an application message. The ticket is created
/// with the inbox row's id as its idempotency key, so handling the same row again never opens a second ticket.
/// </summary>
public sealed class WeComInboxHandler(IDbContextFactory<ScrmDbContext> dbFactory, TicketService tickets, WeComMessenger messenger,
    Tracking.TrackingLinks links, ChannelInbox inbox, ILogger<WeComInboxHandler> log)
{
    /// <summary>The actor WeCom tickets are created as: an agent's rights in every region, like the public intake.</summary>
    public static readonly AccessScope Scope =
        new(new Actor("wecom-intake", "企业微信报修"), new HashSet<string> { AppRoles.Agent }, AllRegions: true, [], null);

    private const int MaxListedTickets = 10;

    public async Task HandleAsync(InboundMessage stored, CancellationToken ct)
    {
        var message = WeComMessage.Parse(stored.Body);
        if (!message.IsText)
        {
            await inbox.FinishAsync(stored.Id, InboundStatus.Ignored, $"{message.MsgType} {message.Event}".Trim(), ct: ct);
            return;
        }
        var command = ChannelCommand.Parse(message.Content);
        var link = await LinkAsync(message.FromUserName, ct);
        if (link is null)
        {
            await messenger.SendTextAsync(message.FromUserName, ChannelReplies.UnknownSender, ct);
            await inbox.FinishAsync(stored.Id, InboundStatus.Processed, "UnknownSender", ct: ct);
            return;
        }
        switch (command)
        {
            case ChannelCommand.Repair repair:
                await RepairAsync(stored, message, link, repair, ct);
                break;
            case ChannelCommand.Status:
                await messenger.SendTextAsync(message.FromUserName, await OpenTicketsAsync(link.CustomerId, ct), ct);
                await inbox.FinishAsync(stored.Id, InboundStatus.Processed, "Status", ct: ct);
                break;
            default:
                await messenger.SendTextAsync(message.FromUserName, ChannelReplies.Help, ct);
                await inbox.FinishAsync(stored.Id, InboundStatus.Processed, "Help", ct: ct);
                break;
        }
    }

    private async Task RepairAsync(InboundMessage stored, WeComMessage message, WeComUserLink link, ChannelCommand.Repair repair, CancellationToken ct)
    {
        var request = new NewTicketRequest
        {
            Title = ChannelInbox.Clip("企业微信报修：" + repair.Description, Ticket.TitleMaxLength),
            Description = ChannelInbox.Clip($"{repair.Description}\n（来自企业微信 {link.ContactName}，{message.FromUserName}）", Ticket.DescriptionMaxLength),
            Type = nameof(TicketType.Repair),
            CustomerId = link.CustomerId,
        };
        CreatedTicket created;
        try
        {
            created = await tickets.CreateAsync(Scope, request, "wecom:" + stored.Id, ct);
        }
        catch (Exception e) when (e is InputRejectedException or DomainRuleException or AccessDeniedException)
        {
            log.LogWarning("WeCom repair from {Sender} not accepted: {Reason}", message.FromUserName, e.Message);
            await messenger.SendTextAsync(message.FromUserName, ChannelReplies.NotAccepted, ct);
            await inbox.FinishAsync(stored.Id, InboundStatus.Failed, e.Message, ct: ct);
            return;
        }
        var row = created.Ticket.Row;
        await messenger.SendTextAsync(message.FromUserName, ChannelReplies.TicketOpened(row.Number, await links.LinkForAsync(row.Id, ct)), ct);
        await inbox.FinishAsync(stored.Id, InboundStatus.Processed, "Repair", row.Id, row.Number, ct);
    }

    private async Task<WeComUserLink?> LinkAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.WeComUserLinks.AsNoTracking().FirstOrDefaultAsync(l => l.WeComUserId == userId, ct);
    }

    private async Task<string> OpenTicketsAsync(long customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var open = TicketWorkflow.OpenStatuses.ToList();
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => t.CustomerId == customerId && open.Contains(t.Status))
            .OrderByDescending(t => t.Id).Take(MaxListedTickets)
            .Select(t => new { t.Id, t.Number, t.Title, t.Status })
            .ToListAsync(ct);
        if (rows.Count == 0) return ChannelReplies.NoOpenTickets;
        var listed = new List<(string, string, TicketStatus, string?)>();
        foreach (var t in rows) listed.Add((t.Number, t.Title, t.Status, await links.LinkForAsync(t.Id, ct)));
        return ChannelReplies.OpenTickets(listed);
    }
}
