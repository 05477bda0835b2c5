using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scrm.App.Events;
using Scrm.App.Workers;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Events;

/// <summary>EventOptions.Linger: a durable handler that just delivered a batch that was not full waits before reading again.</summary>
public sealed class HandlerLinger
{
    [Fact]
    public async Task ADurableHandlerWaitsTheLingerAfterABatchThatWasNotFull()
    {
        var reads = await ReadTimesAsync(durable: true, linger: TimeSpan.FromMilliseconds(300));

        (reads[2] - reads[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550));
    }

    [Fact]
    public async Task ALiveFeedNeverLingers()
    {
        var reads = await ReadTimesAsync(durable: false, linger: TimeSpan.FromSeconds(5));

        (reads[2] - reads[0]).ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    /// <summary>When the feed was read for each of three events that trickle in one per read, as commits do under load.</summary>
    private static async Task<IReadOnlyList<TimeSpan>> ReadTimesAsync(bool durable, TimeSpan linger)
    {
        var feed = new TrickleFeed(events: 3);
        var services = new ServiceCollection().AddTransient<NothingHandler>().BuildServiceProvider();
        var registry = new EventHandlerRegistry([new EventHandlerBinding(typeof(NothingHandler), typeof(TicketCommented), durable)], EventTypes.FromDomain());
        var options = Options.Create(new EventOptions { Linger = linger, BatchSize = 10, CheckpointEvery = TimeSpan.FromHours(1) });
        var dispatcher = new OutboxDispatcher(registry, feed, new StillLedger(), services.GetRequiredService<IServiceScopeFactory>(), options,
            NullLogger<OutboxDispatcher>.Instance);

        await dispatcher.StartAsync(CancellationToken.None);
        await feed.AllServed.WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(CancellationToken.None);
        return feed.Served.ToList();
    }

    private sealed class NothingHandler : IEventHandler<TicketCommented>
    {
        public Task HandleAsync(TicketCommented e, EventDelivery delivery, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class TrickleFeed(int events) : IEventFeed
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<TimeSpan> Served { get; } = new();

        public Task AllServed => _all.Task;

        public Task NextCommit => Task.CompletedTask;

        public void Committed()
        {
        }

        public Task<OutboxBatch> ReadAsync(long after, IReadOnlyList<string> types, int max, CancellationToken ct, bool fromStore = false)
        {
            if (after >= events) return Task.FromResult(new OutboxBatch([], after));
            var next = after + 1;
            Served.Enqueue(_clock.Elapsed);
            if (next == events) _all.TrySetResult();
            return Task.FromResult(new OutboxBatch([new StoredEvent(next, nameof(TicketCommented), new TicketCommented("评论") { AggregateId = 1 })], next));
        }

        public Task<long> NewestAsync(CancellationToken ct) => Task.FromResult(0L);
    }

    private sealed class StillLedger : IHandlerLedger
    {
        public Task<long?> ClaimAsync(string handler, CancellationToken ct) => Task.FromResult<long?>(0);

        public Task<bool> AdvanceAsync(string handler, long from, long to, CancellationToken ct) => Task.FromResult(true);

        public Task ParkAsync(string handler, StoredEvent e, int attempts, Exception error, CancellationToken ct) => Task.CompletedTask;
    }
}
