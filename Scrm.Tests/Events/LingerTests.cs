using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scrm.App.Events;
using Scrm.App.Workers;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Events;

/// <summary>
/// EventOptions.Linger: a durable handler that just read a batch that was not full waits before reading again, except
/// after the first batch of a burst (after a quiet spell), so that a lone change and its follow-up are delivered at once.
/// </summary>
public sealed class HandlerLinger
{
    [Fact]
    public void LingerIsOnByDefault()
    {
        new EventOptions().Linger.ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task ADurableHandlerWaitsTheLingerAfterABatchThatWasNotFull()
    {
        var reads = await ReadTimesAsync(durable: true, linger: TimeSpan.FromMilliseconds(300), events: 4);

        // The first of the burst and the one right after it at once; then one read per linger.
        (reads[1] - reads[0]).ShouldBeLessThan(TimeSpan.FromMilliseconds(250));
        (reads[3] - reads[1]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550));
    }

    [Fact]
    public async Task ALiveFeedNeverLingers()
    {
        var reads = await ReadTimesAsync(durable: false, linger: TimeSpan.FromSeconds(5), events: 4);

        (reads[3] - reads[0]).ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task TheFirstEventAfterAQuietSpellIsDeliveredAtOnceWithTheDefaultLinger()
    {
        var linger = new EventOptions().Linger;
        await using var run = await ScriptedRun.StartAsync(new EventOptions { BatchSize = 10, CheckpointEvery = TimeSpan.FromHours(1) });

        // A burst: 1 and its follow-up 2 at once, 3 a linger after 2 (the loop reads once per linger while busy).
        var one = await run.CommitAndWaitAsync(1);
        var two = await run.CommitAndWaitAsync(2);
        await run.CommitAndWaitAsync(3);
        // Quiet for longer than the linger: the next change is the first of a new burst.
        await Task.Delay(linger * 3);
        var four = await run.CommitAndWaitAsync(4);

        run.DeliveredBetween(2, 3).ShouldBeGreaterThanOrEqualTo(linger * 0.9);
        // Bounds for a loaded machine; that they mean "without waiting" is shown with a linger of 20 s below.
        one.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        two.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        four.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ALoneEventIsDeliveredAtOnceEvenWithALongLinger()
    {
        await using var run = await ScriptedRun.StartAsync(new EventOptions { Linger = TimeSpan.FromSeconds(20), BatchSize = 10, CheckpointEvery = TimeSpan.FromHours(1) });

        (await run.CommitAndWaitAsync(1)).ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (await run.CommitAndWaitAsync(2)).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    /// <summary>A dispatcher over a feed the test commits to, one event at a time, timing each from commit to delivery.</summary>
    private sealed class ScriptedRun : IAsyncDisposable
    {
        private readonly ScriptedFeed _feed = new();
        private readonly OutboxDispatcher _dispatcher;

        private ScriptedRun(EventOptions options)
        {
            var services = new ServiceCollection().AddSingleton(_feed).AddTransient<TimingHandler>().BuildServiceProvider();
            var registry = new EventHandlerRegistry([new EventHandlerBinding(typeof(TimingHandler), typeof(TicketCommented), true)], EventTypes.FromDomain());
            _dispatcher = new OutboxDispatcher(registry, _feed, new StillLedger(), services.GetRequiredService<IServiceScopeFactory>(),
                Options.Create(options), NullLogger<OutboxDispatcher>.Instance);
        }

        public static async Task<ScriptedRun> StartAsync(EventOptions options)
        {
            var run = new ScriptedRun(options);
            await run._dispatcher.StartAsync(CancellationToken.None);
            return run;
        }

        /// <summary>How long event <paramref name="id"/> took from its commit to its handler.</summary>
        public async Task<TimeSpan> CommitAndWaitAsync(long id)
        {
            var delivered = _feed.Commit(id);
            return await delivered.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public TimeSpan DeliveredBetween(long first, long second) => _feed.DeliveredAt(second) - _feed.DeliveredAt(first);

        public async ValueTask DisposeAsync() => await _dispatcher.StopAsync(CancellationToken.None);
    }

    private sealed class TimingHandler(ScriptedFeed feed) : IEventHandler<TicketCommented>
    {
        public Task HandleAsync(TicketCommented e, EventDelivery delivery, CancellationToken ct)
        {
            feed.Delivered(delivery.OutboxId);
            return Task.CompletedTask;
        }
    }

    private sealed class ScriptedFeed : IEventFeed
    {
        private readonly CommitSignal _signal = new();
        private readonly ConcurrentDictionary<long, (long CommittedAt, TaskCompletionSource<TimeSpan> Delivered)> _events = new();
        private readonly ConcurrentDictionary<long, TimeSpan> _deliveredAt = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _newest;

        public Task NextCommit => _signal.Next;

        public void Committed() => _signal.Raise();

        public Task<TimeSpan> Commit(long id)
        {
            var delivered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _events[id] = (Stopwatch.GetTimestamp(), delivered);
            Volatile.Write(ref _newest, id);
            Committed();
            return delivered.Task;
        }

        public void Delivered(long id)
        {
            _deliveredAt[id] = _clock.Elapsed;
            var (committedAt, delivered) = _events[id];
            delivered.TrySetResult(Stopwatch.GetElapsedTime(committedAt));
        }

        public TimeSpan DeliveredAt(long id) => _deliveredAt[id];

        public Task<OutboxBatch> ReadAsync(long after, IReadOnlyList<string> types, int max, CancellationToken ct, bool fromStore = false)
        {
            var newest = Volatile.Read(ref _newest);
            var events = new List<StoredEvent>();
            for (var id = after + 1; id <= newest && events.Count < max; id++)
                events.Add(new StoredEvent(id, nameof(TicketCommented), new TicketCommented("评论") { AggregateId = 1 }));
            return Task.FromResult(new OutboxBatch(events, events.Count == 0 ? after : events[^1].Id));
        }

        public Task<long> NewestAsync(CancellationToken ct) => Task.FromResult(0L);
    }

    /// <summary>When the feed was read for each of the events that trickle in one per read, as commits do under load.</summary>
    private static async Task<IReadOnlyList<TimeSpan>> ReadTimesAsync(bool durable, TimeSpan linger, int events)
    {
        var feed = new TrickleFeed(events);
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
