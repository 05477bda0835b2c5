using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Tracking;

namespace Scrm.App.Features.Tracking;

/// <summary>Issues progress-link tokens and reads them back: the hash finds a ticket, the protected copy rebuilds its link.</summary>
public sealed class TrackingTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Scrm.Tracking.Token.v1");

    /// <summary>Adds a token for <paramref name="ticketId"/> unless it has one; must run inside the write path.</summary>
    public async Task<bool> IssueInAsync(ScrmDbContext db, long ticketId, CancellationToken ct) =>
        await IssueInAsync(db, [ticketId], ct) > 0;

    /// <summary>Tokens for those of <paramref name="ticketIds"/> that have none yet, in the caller's write; how many were issued.</summary>
    public async Task<int> IssueInAsync(ScrmDbContext db, IReadOnlyCollection<long> ticketIds, CancellationToken ct)
    {
        var have = await db.TrackingTokens.Where(t => ticketIds.Contains(t.TicketId)).Select(t => t.TicketId).ToListAsync(ct);
        var missing = ticketIds.Except(have).Except(db.Tracked<TrackingTokenRecord>().Select(t => t.TicketId)).ToList();
        db.TrackingTokens.AddRange(missing.Select(NewRecord));
        return missing.Count;
    }

    private TrackingTokenRecord NewRecord(long ticketId)
    {
        var token = TrackingToken.New();
        return new TrackingTokenRecord
        {
            TicketId = ticketId,
            TokenHash = TrackingToken.Hash(token),
            ProtectedToken = _protector.Protect(token),
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>The ticket a well-formed token belongs to, or null (whether it is expired is the caller's question).</summary>
    public static async Task<long?> TicketOfAsync(ScrmDbContext db, string? token, CancellationToken ct)
    {
        if (!TrackingToken.IsWellFormed(token)) return null;
        var hash = TrackingToken.Hash(token!);
        // The hash is unique: at most one row.
        return await db.TrackingTokens.Where(t => t.TokenHash == hash).Select(t => (long?)t.TicketId).SingleOrDefaultAsync(ct);
    }

    /// <summary>The raw token again; null when the key that protected it is gone (then the link must be issued anew).</summary>
    public string? Unprotect(string protectedToken)
    {
        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
