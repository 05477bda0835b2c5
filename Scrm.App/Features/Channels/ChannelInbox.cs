using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;

namespace Scrm.App.Features.Channels;

/// <summary>
/// Stores what channels deliver, once each: a retry of a stored message finds the first copy and stores nothing.
/// Storing wakes the <see cref="InboxWorker"/>, which handles the message after the sender has had its answer.
/// </summary>
public sealed class ChannelInbox(WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory, InboxSignal signal, TimeProvider clock)
{
    public sealed record Recorded(InboundMessage Message, bool IsNew);

    public async Task<Recorded> RecordAsync(string channel, string dedupKey, string sender, string kind, string body, CancellationToken ct = default)
    {
        if (await FindAsync(channel, dedupKey, ct) is { } known) return new Recorded(known, false);
        try
        {
            var stored = await writes.RunAsync(AccessScope.System, async (db, token) =>
            {
                // Read again inside the write: two copies of one message may arrive together.
                if (await db.InboundMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Channel == channel && m.DedupKey == dedupKey, token) is { } first)
                    return new Recorded(first, false);
                var message = new InboundMessage
                {
                    Channel = channel,
                    DedupKey = Clip(dedupKey, InboundMessage.DedupKeyMaxLength),
                    Sender = Clip(sender, InboundMessage.SenderMaxLength),
                    Kind = Clip(kind, InboundMessage.KindMaxLength),
                    Body = body,
                    ReceivedAt = clock.GetUtcNow(),
                    Status = InboundStatus.Received,
                };
                db.InboundMessages.Add(message);
                return new Recorded(message, true);
            }, ct);
            if (stored.IsNew) signal.Wake();
            return stored;
        }
        catch (DbUpdateException)
        {
            // The unique index caught a copy stored by another writer (possible without the gate, on SQL Server).
            if (await FindAsync(channel, dedupKey, ct) is { } first) return new Recorded(first, false);
            throw;
        }
    }

    public async Task<InboundMessage?> FindAsync(string channel, string dedupKey, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.InboundMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Channel == channel && m.DedupKey == dedupKey, ct);
    }

    /// <summary>Notes the outcome of handling a message, through the write path.</summary>
    public Task FinishAsync(long id, InboundStatus status, string? outcome, long? ticketId = null, string? ticketNumber = null,
        CancellationToken ct = default) =>
        writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var message = await db.InboundMessages.FirstAsync(m => m.Id == id, token);
            message.Attempts++;
            message.Status = status;
            message.Outcome = outcome is null ? null : Clip(outcome, InboundMessage.OutcomeMaxLength);
            message.TicketId = ticketId ?? message.TicketId;
            message.TicketNumber = ticketNumber ?? message.TicketNumber;
            if (status != InboundStatus.Received) message.ProcessedAt = clock.GetUtcNow();
            return 0;
        }, ct);

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Wakes the inbox worker when a message is stored, so it need not poll often.</summary>
public sealed class InboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one pending wake covers every message stored before the worker looks.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
