using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scrm.App.Events;
using Scrm.App.Workers;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Events;

/// <summary>The dispatcher's bookkeeping under a stream of commits (ADR 0029), with a feed and a ledger that only count.</summary>
public sealed class IdleCheckpoints
{
    [Fact]
    public async Task AHandlerWokenByEveryCommitDoesNotWriteItsPositionAfterEachOne()
    {
        // Every other read finds one new event, the next finds it caught up: a commit after each batch, as under load.
        var feed = new AlternatingFeed(events: 40);
        var ledger = new CountingLedger();
        var services = new ServiceCollection().AddTransient<NothingHandler>().BuildServiceProvider();
        var registry = new EventHandlerRegistry([new EventHandlerBinding(typeof(NothingHandler), typeof(TicketCommented), true)], EventTypes.FromDomain());
        var options = Options.Create(new EventOptions { CheckpointEvery = TimeSpan.FromHours(1) });
        var dispatcher = new OutboxDispatcher(registry, feed, ledger, services.GetRequiredService<IServiceScopeFactory>(), options,
            NullLogger<OutboxDispatcher>.Instance);

        await dispatcher.StartAsync(CancellationToken.None);
        await feed.Served.WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(CancellationToken.None);

        // The first batch is written at once (nothing was written yet); the rest wait for CheckpointEvery of idleness.
        ledger.Advances.ShouldBeLessThanOrEqualTo(1);
    }

    private sealed class NothingHandler : IEventHandler<TicketCommented>
    {
        public Task HandleAsync(TicketCommented e, EventDelivery delivery, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class AlternatingFeed(int events) : IEventFeed
    {
        private readonly TaskCompletionSource _served = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _caughtUpNext;
        private int _caughtUpReads;

        public Task Served => _served.Task;

        // A commit is always just in: the handler never waits.
        public Task NextCommit => Task.CompletedTask;

        public void Committed()
        {
        }

        public Task<OutboxBatch> ReadAsync(long after, IReadOnlyList<string> types, int max, CancellationToken ct, bool fromStore = false)
        {
            if (_caughtUpNext || after >= events)
            {
                _caughtUpNext = false;
                if (after >= events && ++_caughtUpReads > 5) _served.TrySetResult();
                return Task.FromResult(new OutboxBatch([], after));
            }
            _caughtUpNext = true;
            var next = after + 1;
            return Task.FromResult(new OutboxBatch([new StoredEvent(next, nameof(TicketCommented), new TicketCommented("评论") { AggregateId = 1 })], next));
        }

        public Task<long> NewestAsync(CancellationToken ct) => Task.FromResult((long)events);
    }

    private sealed class CountingLedger : IHandlerLedger
    {
        private int _advances;

        public int Advances => _advances;

        public Task<long?> ClaimAsync(string handler, CancellationToken ct) => Task.FromResult<long?>(0);

        public Task<bool> AdvanceAsync(string handler, long from, long to, CancellationToken ct)
        {
            Interlocked.Increment(ref _advances);
            return Task.FromResult(true);
        }

        public Task ParkAsync(string handler, StoredEvent e, int attempts, Exception error, CancellationToken ct) => Task.CompletedTask;
    }
}
