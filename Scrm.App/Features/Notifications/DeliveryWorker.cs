using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Notifications.Channels;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

/// <summary>
/// Sends the delivery outbox. A pass claims up to a batch of due pending rows with one conditional UPDATE (a lease:
/// <c>ClaimedBy</c> + <c>ClaimedUntil</c>), sends them concurrently through their channels, then marks the whole batch
/// in one write: sent, or back to pending with exponential backoff and jitter, or dead-lettered after the last try.
/// At least once: a crash after a send and before the mark leaves the row claimed until its lease runs out, then it is
/// sent again with the same idempotency key; a row marked sent is never claimed again.
/// </summary>
public sealed class DeliveryWorker(IEnumerable<INotificationChannel> channels, WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory,
    DeliverySignal signal, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<DeliveryWorker> log) : BackgroundService
{
    private readonly Dictionary<NotificationChannel, INotificationChannel> _channels = channels.ToDictionary(c => c.Channel);
    private readonly NotificationOptions _o = options.Value;
    private readonly string _instance = options.Value.InstanceId ?? Environment.MachineName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_channels.Count == 0 || !_o.WorkerEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            try
            {
                if (await RunOnceAsync(stoppingToken) >= _o.BatchSize) continue;
                var wait = await UntilNextDueAsync(stoppingToken);
                await Task.WhenAny(woken, Task.Delay(wait, clock, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "A delivery pass failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass: claim, send, mark. Returns how many rows it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claim = $"{_instance}:{Guid.NewGuid():N}";
        var rows = await ClaimAsync(claim, ct);
        if (rows.Count == 0) return 0;
        var outcomes = new Outcome[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = _o.Concurrency, CancellationToken = ct },
            async (i, token) => outcomes[i] = await SendAsync(rows[i], token));
        await MarkAsync(claim, outcomes, ct);
        return rows.Count;
    }

    private Task<List<NotificationDelivery>> ClaimAsync(string claim, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now.AddSeconds(_o.LeaseSeconds);
        var kinds = _channels.Keys.ToList();
        var size = _o.BatchSize;
        return writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var rows = db.NotificationDeliveries;
            var oldest = Claimable(rows, now, kinds).OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(size).Select(d => d.Id);
            // The conditions are repeated outside the subquery so that each row is rechecked as it is updated.
            var won = await Claimable(rows, now, kinds).Where(d => oldest.Contains(d.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedBy, claim).SetProperty(d => d.ClaimedUntil, until), token);
            if (won == 0) return [];
            return await rows.AsNoTracking().Where(d => d.ClaimedBy == claim && d.Status == DeliveryStatus.Pending).ToListAsync(token);
        }, ct);
    }

    private static IQueryable<NotificationDelivery> Claimable(IQueryable<NotificationDelivery> rows, DateTimeOffset now, List<NotificationChannel> kinds) =>
        rows.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && kinds.Contains(d.Channel)
            && (d.ClaimedUntil == null || d.ClaimedUntil < now));

    private async Task<Outcome> SendAsync(NotificationDelivery row, CancellationToken ct)
    {
        try
        {
            await _channels[row.Channel].SendAsync(new OutgoingMessage(row.Id, row.Address, row.RecipientName, row.Subject, row.Body, row.TicketNumber), ct);
            return new Outcome(row, null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new Outcome(row, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>One write for the whole batch (the SQLite write gate is single-writer), each row only if this pass still holds it.</summary>
    private Task MarkAsync(string claim, Outcome[] outcomes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var retry = _o.Retry;
        return writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var sent = outcomes.Where(o => o.Error is null).Select(o => o.Row.Id).ToList();
            foreach (var chunk in sent.Chunk(500))
                await db.NotificationDeliveries.Where(d => chunk.Contains(d.Id) && d.ClaimedBy == claim && d.Status == DeliveryStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentAt, now)
                        .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.LastError, (string?)null)
                        .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), token);
            foreach (var failed in outcomes.Where(o => o.Error is not null))
            {
                var attempts = failed.Row.Attempts + 1;
                var dead = retry.IsExhausted(attempts);
                var next = now + retry.DelayAfter(attempts, Random.Shared.NextDouble());
                var error = failed.Error!.Length > NotificationDelivery.ErrorMaxLength ? failed.Error[..NotificationDelivery.ErrorMaxLength] : failed.Error;
                await db.NotificationDeliveries.Where(d => d.Id == failed.Row.Id && d.ClaimedBy == claim && d.Status == DeliveryStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, dead ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending)
                        .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastError, error)
                        .SetProperty(d => d.NextAttemptAt, dead ? failed.Row.NextAttemptAt : next)
                        .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), token);
                if (dead) log.LogWarning("Delivery {Id} ({Channel}) dead-lettered after {Attempts} tries: {Error}", failed.Row.Id, failed.Row.Channel, attempts, error);
            }
            return true;
        }, ct);
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(_o.PollSeconds);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var kinds = _channels.Keys.ToList();
        var pending = db.NotificationDeliveries.Where(d => d.Status == DeliveryStatus.Pending && kinds.Contains(d.Channel));
        var nextDue = await pending.Where(d => d.ClaimedUntil == null).OrderBy(d => d.NextAttemptAt).Select(d => (DateTimeOffset?)d.NextAttemptAt).FirstOrDefaultAsync(ct);
        var nextLease = await pending.Where(d => d.ClaimedUntil != null).OrderBy(d => d.ClaimedUntil).Select(d => d.ClaimedUntil).FirstOrDefaultAsync(ct);
        var next = new[] { nextDue, nextLease }.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(clock.GetUtcNow() + poll).Min();
        var wait = next - clock.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > poll ? poll : wait;
    }

    private sealed record Outcome(NotificationDelivery Row, string? Error);
}
