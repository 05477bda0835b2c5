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
        var savedAt = DateTimeOffset.MinValue;
        var leaseRenewal = DateTimeOffset.MinValue;
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
                    leaseRenewal = DateTimeOffset.UtcNow + _options.Lease / 3;
                }
                var batch = await feed.ReadAsync(position!.Value, handler.EventNames, _options.BatchSize, stop);
                if (batch.LastExamined == position)
                {
                    // Caught up: the position is written down before waiting, so that an idle handler's is exact.
                    if (handler.Durable && saved != batch.LastExamined)
                        (position, saved, savedAt) = await SaveAsync(handler, saved, batch.LastExamined, stop);
                    if (position is not null) await WaitAsync(nextCommit, stop);
                    continue;
                }
                if (batch.Events.Count > 0) await DeliverAsync(handler, batch.Events, stop);
                position = batch.LastExamined;
                // Under load the position is written at most every CheckpointEvery, not after each batch: each write is a
                // transaction of its own at the write gate. A crash then redelivers a little more, which the handlers'
                // processed-event records make harmless.
                if (handler.Durable && DateTimeOffset.UtcNow - savedAt >= _options.CheckpointEvery)
                    (position, saved, savedAt) = await SaveAsync(handler, saved, batch.LastExamined, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store itself failed (not a handler: those are parked). Start over from the ledger.
                logger.LogError(e, "Delivering events to {Handler} failed; retrying", handler.Name);
                position = handler.Durable ? null : position;
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }

    private async Task<(long? Position, long Saved, DateTimeOffset SavedAt)> SaveAsync(RegisteredHandler handler, long saved, long to, CancellationToken stop)
    {
        var kept = await AdvanceAsync(handler, saved, to, stop);
        return (kept, kept ?? saved, DateTimeOffset.UtcNow);
    }

    private async Task<long?> AdvanceAsync(RegisteredHandler handler, long from, long to, CancellationToken stop)
    {
        if (!handler.Durable) return to;
        // Lost the lease mid-batch: another instance owns the handler now and redelivers from its position;
        // the handler's processed-event records make that harmless.
        return await ledger.AdvanceAsync(handler.Name, from, to, stop) ? to : null;
    }

    private async Task WaitAsync(Task nextCommit, CancellationToken stop)
    {
        try
        {
            await nextCommit.WaitAsync(_options.FallbackPoll, stop);
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task DeliverAsync(RegisteredHandler handler, IReadOnlyList<StoredEvent> batch, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instance = scope.ServiceProvider.GetRequiredService(handler.HandlerType);
        if (handler.Durable && batch.Count > 1 && instance is IEventBatchHandler batchHandler)
        {
            try
            {
                await batchHandler.HandleBatchAsync(batch, handler.Name, stop);
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Nothing of the batch was kept; one at a time finds the event that fails and parks only that one.
                logger.LogWarning(e, "{Handler} failed on a batch of {Count} events; delivering them one at a time", handler.Name, batch.Count);
            }
        }
        foreach (var stored in batch)
        {
            var (failure, attempts) = await TryWithBackoffAsync(handler, instance, stored, stop);
            if (failure is null) continue;
            if (handler.Durable) await ledger.ParkAsync(handler.Name, stored, attempts, failure, stop);
            logger.LogError(failure, "{Handler} gave up on event {Type} #{Id} after {Attempts} tries{Parked}",
                handler.Name, stored.Type, stored.Id, attempts, handler.Durable ? "; parked" : "");
        }
    }

    private async Task<(Exception? Failure, int Attempts)> TryWithBackoffAsync(
        RegisteredHandler handler, object instance, StoredEvent stored, CancellationToken stop)
    {
        var delays = _options.RetryDelays;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await handler.InvokeAsync(instance, stored.Type, stored.Event, new EventDelivery(handler.Name, stored.Id, attempt), stop);
                return (null, attempt);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // A live feed is best effort: one failed try is logged, not repeated.
                if (!handler.Durable || attempt > delays.Count) return (e, attempt);
                logger.LogWarning(e, "{Handler} failed on event #{Id} (try {Attempt})", handler.Name, stored.Id, attempt);
                await Task.Delay(delays[attempt - 1], stop);
            }
        }
    }
}
