using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Workers;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Events;

/// <summary>
/// In-order handlers (ADR 0034): their writes move their outbox position in the same transaction instead of writing a
/// processed-event row per event. A dispatcher of its own feeds a probe handler from a feed held in memory, on the real
/// database, ledger and write path.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HandlerPositions(TestApp app) : IAsyncLifetime
{
    private const string Me = "probe-host";
    private static readonly string Name = nameof(PositionedProbe);

    public async Task InitializeAsync()
    {
        PositionedProbe.Handled.Clear();
        PositionedProbe.Failing.Clear();
        await using var db = await app.DbAsync();
        await db.HandlerCheckpoints.Where(c => c.Handler == Name).ExecuteDeleteAsync();
        await db.ParkedEvents.Where(p => p.Handler == Name).ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnInOrderWriteMovesThePositionWithItsChangeAndWritesNoProcessedRows()
    {
        var feed = new HeldFeed(Comments(3));
        var dispatcher = Dispatcher(feed);

        await dispatcher.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => PositionedProbe.Handled.Count == 3);
        await dispatcher.StopAsync(CancellationToken.None);

        (await PositionAsync()).ShouldBe(3);
        (await ProcessedRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ARestartedDispatcherSkipsEverythingUpToThePositionTheWritesLeft()
    {
        var events = Comments(4);
        var first = Dispatcher(new HeldFeed(events));
        await first.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => PositionedProbe.Handled.Count == 4);
        // Stopped at once: with CheckpointEvery at an hour, only the handler's own writes can have moved the position.
        await first.StopAsync(CancellationToken.None);

        var feed = new HeldFeed(events);
        var second = Dispatcher(feed);
        await second.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => feed.Reads > 3);
        await second.StopAsync(CancellationToken.None);

        feed.LowestAfter.ShouldBe(4);
        PositionedProbe.Handled.Values.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task AWriteAfterTheLeaseWentToAnotherInstanceRollsBackWithItsChange()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        (await Ledger(Me, clock).ClaimAsync(Name, default)).ShouldBe(0);
        clock.Now += TimeSpan.FromMinutes(1);
        (await Ledger("other-host", clock).ClaimAsync(Name, default)).ShouldBe(0);
        var cursor = new HandlerCursor(Name, Me, committed: 0, recordsUntil: 0);
        var marker = Guid.NewGuid();

        using (cursor.Deliver(1, 5))
        {
            await Should.ThrowAsync<LeaseLostException>(() => app.Get<WritePath>().RunOnceAsync(Name, [new TicketCommented("评论") { AggregateId = 1 }],
                (db, _, _) =>
                {
                    db.ProcessedEvents.Add(new ProcessedEvent { Handler = "lease-probe", EventId = marker, ProcessedAt = DateTimeOffset.UtcNow });
                    return Task.CompletedTask;
                }));
        }

        await using var check = await app.DbAsync();
        (await check.ProcessedEvents.AnyAsync(p => p.EventId == marker)).ShouldBeFalse();
        (await PositionAsync()).ShouldBe(0);
        cursor.Committed.ShouldBe(0);
    }

    [Fact]
    public async Task AParkedEventIsPassedByThePositionAndARetryChangesItOnce()
    {
        var events = Comments(2);
        PositionedProbe.Failing[events[1].Event.EventId] = true;
        var dispatcher = Dispatcher(new HeldFeed(events));
        await dispatcher.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => ParkedAsync().Result > 0);
        await dispatcher.StopAsync(CancellationToken.None);

        // Parked and passed in one transaction: no restart can hand it to the loop again while an Admin retries it.
        (await PositionAsync()).ShouldBe(2);

        // The Admin's retry runs outside the loop (no cursor): processed-event rows keep it once, however often it is pressed.
        PositionedProbe.Failing.Clear();
        var probe = new PositionedProbe(app.Get<WritePath>());
        var parked = (TicketCommented)events[1].Event;
        await probe.HandleAsync(parked, new EventDelivery(Name, 2, 5), default);
        await probe.HandleAsync(parked, new EventDelivery(Name, 2, 6), default);
        var restarted = Dispatcher(new HeldFeed(events));
        await restarted.StartAsync(CancellationToken.None);
        await Task.Delay(300);
        await restarted.StopAsync(CancellationToken.None);

        PositionedProbe.Handled[parked.EventId].ShouldBe(1);
        PositionedProbe.Handled.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ASecondWriteForTheSameDeliveryIsRefused()
    {
        (await Ledger(Me, TimeProvider.System).ClaimAsync(Name, default)).ShouldBe(0);
        var cursor = new HandlerCursor(Name, Me, committed: 0, recordsUntil: 0);
        var writes = app.Get<WritePath>();
        TicketCommented[] one = [new("评论") { AggregateId = 1 }];

        using (cursor.Deliver(1, 3))
        {
            await writes.RunOnceAsync(Name, one, (_, _, _) => Task.CompletedTask);
            await Should.ThrowAsync<InvalidOperationException>(() => writes.RunOnceAsync(Name, one, (_, _, _) => Task.CompletedTask));
        }
        (await PositionAsync()).ShouldBe(3);
    }

    private static List<StoredEvent> Comments(int count) => Enumerable.Range(1, count)
        .Select(i => new StoredEvent(i, nameof(TicketCommented), new TicketCommented($"评论 {i}") { AggregateId = i })).ToList();

    private OutboxDispatcher Dispatcher(IEventFeed feed)
    {
        var services = new ServiceCollection().AddSingleton(app.Get<WritePath>()).AddTransient<PositionedProbe>().BuildServiceProvider();
        var registry = new EventHandlerRegistry([new EventHandlerBinding(typeof(PositionedProbe), typeof(TicketCommented), true)], EventTypes.FromDomain());
        var options = Options.Create(Settings(TimeSpan.FromSeconds(30)));
        return new OutboxDispatcher(registry, feed, Ledger(Me, TimeProvider.System), services.GetRequiredService<IServiceScopeFactory>(), options,
            NullLogger<OutboxDispatcher>.Instance);
    }

    private static EventOptions Settings(TimeSpan lease) => new()
    {
        InstanceId = Me, Lease = lease, CheckpointEvery = TimeSpan.FromHours(1), FallbackPoll = TimeSpan.FromMilliseconds(20),
        RetryDelaysMs = [1, 1], BatchSize = 1,
    };

    private HandlerLedger Ledger(string instance, TimeProvider clock)
    {
        var options = Settings(TimeSpan.FromSeconds(30));
        options.InstanceId = instance;
        return new HandlerLedger(app.Get<IDbContextFactory<ScrmDbContext>>(), app.Get<WriteGate>(), Options.Create(options), clock);
    }

    private async Task<long> PositionAsync()
    {
        await using var db = await app.DbAsync();
        return await db.HandlerCheckpoints.Where(c => c.Handler == Name).Select(c => c.Position).SingleAsync();
    }

    private async Task<int> ProcessedRowsAsync()
    {
        await using var db = await app.DbAsync();
        return await db.ProcessedEvents.CountAsync(p => p.Handler == Name);
    }

    private async Task<int> ParkedAsync()
    {
        await using var db = await app.DbAsync();
        return await db.ParkedEvents.CountAsync(p => p.Handler == Name);
    }

    private static async Task EventuallyAsync(Func<bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The dispatcher did not get there in 30 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>The outbox, held in memory: each read serves the events after the position asked for.</summary>
    private sealed class HeldFeed(IReadOnlyList<StoredEvent> events) : IEventFeed
    {
        private long _lowestAfter = long.MaxValue;
        private int _reads;

        public int Reads => _reads;

        public long LowestAfter => Interlocked.Read(ref _lowestAfter);

        public Task NextCommit { get; } = new TaskCompletionSource().Task;

        public void Committed()
        {
        }

        public Task<OutboxBatch> ReadAsync(long after, IReadOnlyList<string> types, int max, CancellationToken ct, bool fromStore = false)
        {
            Interlocked.Increment(ref _reads);
            long seen;
            while ((seen = Interlocked.Read(ref _lowestAfter)) > after && Interlocked.CompareExchange(ref _lowestAfter, after, seen) != seen)
            {
            }
            var next = events.Where(e => e.Id > after).Take(max).ToList();
            return Task.FromResult(new OutboxBatch(next, next.Count == 0 ? after : next[^1].Id));
        }

        public Task<long> NewestAsync(CancellationToken ct) => Task.FromResult(events[^1].Id);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

/// <summary>Counts each comment it changed something for; fails on those a test marks.</summary>
public sealed class PositionedProbe(WritePath writes) : IEventHandler<TicketCommented>, IPositionedEventHandler
{
    public static ConcurrentDictionary<Guid, int> Handled { get; } = new();

    public static ConcurrentDictionary<Guid, bool> Failing { get; } = new();

    public async Task HandleAsync(TicketCommented e, EventDelivery delivery, CancellationToken ct)
    {
        if (Failing.ContainsKey(e.EventId)) throw new InvalidOperationException("下游系统拒收");
        if (await writes.RunOnceAsync(delivery, e, (_, _) => Task.CompletedTask, ct))
            Handled.AddOrUpdate(e.EventId, 1, (_, n) => n + 1);
    }
}
