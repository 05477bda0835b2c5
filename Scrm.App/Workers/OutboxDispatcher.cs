using Microsoft.Extensions.Options;
using Scrm.App.Events;

namespace Scrm.App.Workers;

/// <summary>
/// Delivers committed events to every registered handler, each in outbox order on its own loop, so that a slow or
/// failing handler never holds up the others. Woken by each commit; a slow poll only catches what another process
/// committed. A failing event is retried with backoff, then parked and passed over.
/// </summary>
public sealed class OutboxDispatcher(
    EventHandlerRegistry registry, IEventFeed feed, IHandlerLedger ledger, IServiceScopeFactory scopes,
    IOptions<EventOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly EventOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stop) =>
        Task.WhenAll(registry.Handlers.Select(h => Task.Run(() => RunAsync(h, stop), stop)));

    private async Task RunAsync(RegisteredHandler handler, CancellationToken stop)
    {
        // A live feed has nothing to catch up on: open screens read the present when they load.
        long? position = handler.Durable ? null : await feed.NewestAsync(stop);
        long saved = 0;
        HandlerCursor? cursor = null;
        var fromStore = true;
        var savedAt = DateTimeOffset.MinValue;
        var leaseRenewal = DateTimeOffset.MinValue;
        // Since when the loop has had nothing to read (null while it is busy): a batch read after a quiet spell at least
        // as long as the linger is the first of a burst, and neither it nor the one right after waits.
        DateTimeOffset? idleSince = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var nextCommit = feed.NextCommit;
                if (handler.Durable && (position is null || DateTimeOffset.UtcNow >= leaseRenewal))
                {
                    position = await ledger.ClaimAsync(handler.Name, stop);
                    if (position is null)
                    {
                        await Task.Delay(_options.Lease / 3, stop);
                        continue;
                    }
                    saved = position.Value;
                    cursor = handler.InOrder
                        ? new HandlerCursor(handler.Name, _options.InstanceId, saved, await ledger.RecordsUntilAsync(handler.Name, saved, stop))
                        : null;
                    fromStore = true;
                    leaseRenewal = DateTimeOffset.UtcNow + _options.Lease / 3;
                }
                var batch = await feed.ReadAsync(position!.Value, handler.EventNames, _options.BatchSize, stop, fromStore);
                fromStore = false;
                if (batch.LastExamined == position)
                {
                    idleSince ??= DateTimeOffset.UtcNow;
                    // Caught up. The position is written down once the handler has stayed idle until CheckpointEvery after the
                    // last write, so that an idle handler's is exact; a handler woken by every commit (each of them, about a
                    // dozen, after each batch of new tickets) would otherwise write a transaction of its own per commit.
                    if (handler.Durable && saved != batch.LastExamined)
                    {
                        var idle = savedAt + _options.CheckpointEvery - DateTimeOffset.UtcNow;
                        if (idle > TimeSpan.Zero && await WaitAsync(nextCommit, idle, stop)) continue;
                        (position, saved, savedAt) = await SaveAsync(handler, cursor, saved, batch.LastExamined, stop);
                    }
                    // Only a slow poll's wake-up reads the table itself: it is there for what another process committed.
                    if (position is not null) fromStore = !await WaitAsync(nextCommit, _options.FallbackPoll, stop);
                    continue;
                }
                var firstOfBurst = idleSince is { } quiet && DateTimeOffset.UtcNow - quiet >= _options.Linger;
                idleSince = null;
                // Ids are consecutive but for the odd gap a rolled-back insert leaves: a batch that spans BatchSize was full.
                var full = batch.Events.Count >= _options.BatchSize || batch.LastExamined - position >= _options.BatchSize;
                if (batch.Events.Count > 0) await DeliverAsync(handler, cursor, batch.Events, stop);
                position = batch.LastExamined;
                // Under load, a short wait lets the next read gather more than the one commit that woke us, and wakes the loop
                // once per linger instead of once per commit (also for commits that held none of its events). Not after the
                // first batch of a burst: a lone change (and the change its handlers write right after it) is delivered at once.
                if (handler.Durable && _options.Linger > TimeSpan.Zero && !firstOfBurst && !full)
                    await Task.Delay(_options.Linger, stop);
                if (cursor is not null && cursor.Committed != saved)
                {
                    // The handler's own write moved the position: that counts as a checkpoint.
                    (saved, savedAt) = (cursor.Committed, DateTimeOffset.UtcNow);
                    if (saved == position) continue;
                }
                // Under load the position is written at most every CheckpointEvery, not after each batch: each write is a
                // transaction of its own at the write gate. A crash then redelivers a little more, which the handlers'
                // processed-event records make harmless.
                if (handler.Durable && DateTimeOffset.UtcNow - savedAt >= _options.CheckpointEvery)
                    (position, saved, savedAt) = await SaveAsync(handler, cursor, saved, batch.LastExamined, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (LeaseLostException)
            {
                // Another instance moved the position: its deliveries count, ours rolled back. Claim again.
                logger.LogInformation("{Handler} lost its lease; claiming it again", handler.Name);
                position = null;
                fromStore = true;
                await Task.Delay(_options.Lease / 3, stop);
            }
            catch (Exception e)
            {
                // The store itself failed (not a handler: those are parked). Start over from the ledger.
                logger.LogError(e, "Delivering events to {Handler} failed; retrying", handler.Name);
                position = handler.Durable ? null : position;
                fromStore = true;
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }

    private async Task<(long? Position, long Saved, DateTimeOffset SavedAt)> SaveAsync(
        RegisteredHandler handler, HandlerCursor? cursor, long saved, long to, CancellationToken stop)
    {
        var kept = await AdvanceAsync(handler, saved, to, stop);
        if (kept is not null && cursor is not null) cursor.Committed = kept.Value;
        return (kept, kept ?? saved, DateTimeOffset.UtcNow);
    }

    private async Task<long?> AdvanceAsync(RegisteredHandler handler, long from, long to, CancellationToken stop)
    {
        if (!handler.Durable) return to;
        // Lost the lease mid-batch: another instance owns the handler now and redelivers from its position;
        // the handler's processed-event records (or, in order, its position moved with each write) make that harmless.
        return await ledger.AdvanceAsync(handler.Name, from, to, stop) ? to : null;
    }

    /// <summary>True when a commit came within <paramref name="limit"/>.</summary>
    private static async Task<bool> WaitAsync(Task nextCommit, TimeSpan limit, CancellationToken stop)
    {
        try
        {
            await nextCommit.WaitAsync(limit, stop);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task DeliverAsync(RegisteredHandler handler, HandlerCursor? cursor, IReadOnlyList<StoredEvent> batch, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instance = scope.ServiceProvider.GetRequiredService(handler.HandlerType);
        if (handler.Durable && batch.Count > 1 && instance is IEventBatchHandler batchHandler)
        {
            try
            {
                using (cursor?.Deliver(batch[0].Id, batch[^1].Id)) await batchHandler.HandleBatchAsync(batch, handler.Name, stop);
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is not LeaseLostException)
            {
                // Nothing of the batch was kept; one at a time finds the event that fails and parks only that one.
                logger.LogWarning(e, "{Handler} failed on a batch of {Count} events; delivering them one at a time", handler.Name, batch.Count);
            }
        }
        foreach (var stored in batch)
        {
            var (failure, attempts) = await TryWithBackoffAsync(handler, cursor, instance, stored, stop);
            if (failure is null) continue;
            if (cursor is not null)
            {
                await ledger.ParkAsync(handler.Name, stored, attempts, failure, cursor.Committed, stop);
                cursor.Committed = stored.Id;
            }
            else if (handler.Durable) await ledger.ParkAsync(handler.Name, stored, attempts, failure, stop);
            logger.LogError(failure, "{Handler} gave up on event {Type} #{Id} after {Attempts} tries{Parked}",
                handler.Name, stored.Type, stored.Id, attempts, handler.Durable ? "; parked" : "");
        }
    }

    private async Task<(Exception? Failure, int Attempts)> TryWithBackoffAsync(
        RegisteredHandler handler, HandlerCursor? cursor, object instance, StoredEvent stored, CancellationToken stop)
    {
        var delays = _options.RetryDelays;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (cursor?.Deliver(stored.Id, stored.Id))
                    await handler.InvokeAsync(instance, stored.Type, stored.Event, new EventDelivery(handler.Name, stored.Id, attempt), stop);
                return (null, attempt);
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is not LeaseLostException)
            {
                // A live feed is best effort: one failed try is logged, not repeated.
                if (!handler.Durable || attempt > delays.Count) return (e, attempt);
                logger.LogWarning(e, "{Handler} failed on event #{Id} (try {Attempt})", handler.Name, stored.Id, attempt);
                await Task.Delay(delays[attempt - 1], stop);
            }
        }
    }
}
