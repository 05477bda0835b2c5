using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;
using Scrm.Tests.Timers;

namespace Scrm.Tests.Data;

/// <summary>
/// A handler's write in two phases (ADR 0040): it reads and computes before the write gate and writes inside it. These
/// drive <see cref="WritePath"/> with probe handlers; the write path's hook plays the writer who comes in between.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TwoPhaseWrite(TestApp app) : IDisposable
{
    private static readonly Actor Probe = new("probe", "两段写探针");

    public void Dispose() => app.Get<WritePath>().AfterPrepare = null;

    private WritePath Writes => app.Get<WritePath>();

    private static DomainEvent[] Commented(long ticketId) => [new TicketCommented("评论") { AggregateId = ticketId }];

    /// <summary>Runs <paramref name="writer"/> once, between <paramref name="handler"/>'s first prepare and its write.</summary>
    private void InBetween(string handler, Func<Task> writer)
    {
        var once = 0;
        Writes.AfterPrepare = h => h == handler && Interlocked.Exchange(ref once, 1) == 0 ? writer() : Task.CompletedTask;
    }

    private Task<bool> CommentOnceAsync(string handler, DomainEvent[] events, long ticketId, string text, Action? prepared = null) =>
        Writes.RunOnceAsync(handler, events, async (db, _, ct) =>
        {
            var ticket = await db.Tickets.IgnoreQueryFilters().SingleAsync(t => t.Id == ticketId, ct);
            ticket.Comment(text, Probe, DateTimeOffset.UtcNow);
            prepared?.Invoke();
            return ticket;
        }, (_, _, _) => Task.CompletedTask);

    private async Task<List<string?>> CommentsAsync(long ticketId)
    {
        await using var db = await app.DbAsync();
        return await db.TicketEvents.IgnoreQueryFilters().Where(e => e.TicketId == ticketId && e.Kind == TicketEventKind.Commented)
            .OrderBy(e => e.Id).Select(e => e.Comment).ToListAsync();
    }

    [Fact]
    public async Task ATicketChangedBetweenPrepareAndWriteIsPreparedAgainAndKeepsBothChanges()
    {
        var handler = TestApp.Marker("two-phase");
        var ticketId = (await app.CreateTicketAsync(TestApp.Admin, "上海")).Row.Id;
        InBetween(handler, () => Writes.RunAsync(AccessScope.System, async (db, ct) =>
        {
            (await db.Tickets.IgnoreQueryFilters().SingleAsync(t => t.Id == ticketId, ct)).Comment("中间写入", Probe, DateTimeOffset.UtcNow);
            return true;
        }));
        var prepares = 0;

        (await CommentOnceAsync(handler, Commented(ticketId), ticketId, "处理器写入", () => prepares++)).ShouldBeTrue();

        prepares.ShouldBe(2);
        (await CommentsAsync(ticketId)).ShouldBe(["中间写入", "处理器写入"]);
    }

    [Fact]
    public async Task AnEventRecordedByAnotherDeliveryBetweenPrepareAndWriteIsNotChangedAgain()
    {
        var handler = TestApp.Marker("two-phase");
        var ticketId = (await app.CreateTicketAsync(TestApp.Admin, "上海")).Row.Id;
        var events = Commented(ticketId);
        // An Admin's retry (or a second instance) records the event while this delivery prepares it.
        InBetween(handler, () => CommentOnceAsync(handler, events, ticketId, "另一次投递"));

        (await CommentOnceAsync(handler, events, ticketId, "这一次投递")).ShouldBeFalse();

        (await CommentsAsync(ticketId)).ShouldBe(["另一次投递"]);
    }

    [Fact]
    public async Task ADeliveryRepeatedAfterItCommittedIsNotPreparedAgain()
    {
        var handler = TestApp.Marker("two-phase");
        var ticketId = (await app.CreateTicketAsync(TestApp.Admin, "上海")).Row.Id;
        var events = Commented(ticketId);
        await CommentOnceAsync(handler, events, ticketId, "第一次");
        var prepares = 0;

        (await CommentOnceAsync(handler, events, ticketId, "重复投递", () => prepares++)).ShouldBeFalse();

        prepares.ShouldBe(0);
        (await CommentsAsync(ticketId)).ShouldBe(["第一次"]);
    }

    [Fact]
    public async Task APrepareThatMustWriteIsPreparedInsideTheGateInstead()
    {
        var handler = TestApp.Marker("two-phase");
        var ticketId = (await app.CreateTicketAsync(TestApp.Admin, "上海")).Row.Id;
        var outside = new List<bool>();

        (await Writes.RunOnceAsync(handler, Commented(ticketId), (db, _, _) =>
        {
            outside.Add(StalePrepare.IsPreparing(db));
            if (StalePrepare.IsPreparing(db)) throw new PrepareInsideException("探针要写");
            db.ProcessedEvents.Add(new ProcessedEvent { Handler = handler + ":inside", EventId = Guid.NewGuid(), ProcessedAt = DateTimeOffset.UtcNow });
            return Task.FromResult(true);
        }, (_, _, _) => Task.CompletedTask)).ShouldBeTrue();

        outside.ShouldBe([true, false]);
        await using var db = await app.DbAsync();
        (await db.ProcessedEvents.CountAsync(p => p.Handler == handler + ":inside")).ShouldBe(1);
    }

    [Fact]
    public async Task AnInOrderWriteAfterTheLeaseWentElsewhereWritesNothingItPrepared()
    {
        var handler = TestApp.Marker("two-phase");
        var ticketId = (await app.CreateTicketAsync(TestApp.Admin, "上海")).Row.Id;
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        (await Ledger("me", clock).ClaimAsync(handler, default)).ShouldBe(0);
        clock.Now += TimeSpan.FromMinutes(1);
        (await Ledger("other", clock).ClaimAsync(handler, default)).ShouldBe(0);
        var cursor = new HandlerCursor(handler, "me", committed: 0, recordsUntil: 0);

        using (cursor.Deliver(1, 5))
            await Should.ThrowAsync<LeaseLostException>(() => CommentOnceAsync(handler, Commented(ticketId), ticketId, "失去租约后"));

        (await CommentsAsync(ticketId)).ShouldBeEmpty();
        cursor.Committed.ShouldBe(0);
    }

    [Fact]
    public async Task AnInOrderWriteMovesThePositionPastWhatItPreparedAndARepeatIsRefused()
    {
        var handler = TestApp.Marker("two-phase");
        var ticketId = (await app.CreateTicketAsync(TestApp.Admin, "上海")).Row.Id;
        (await Ledger("me", TimeProvider.System).ClaimAsync(handler, default)).ShouldBe(0);
        var cursor = new HandlerCursor(handler, "me", committed: 0, recordsUntil: 0);

        using (cursor.Deliver(1, 7))
        {
            (await CommentOnceAsync(handler, Commented(ticketId), ticketId, "按位置")).ShouldBeTrue();
            await Should.ThrowAsync<InvalidOperationException>(() => CommentOnceAsync(handler, Commented(ticketId), ticketId, "又一次"));
        }

        cursor.Committed.ShouldBe(7);
        (await CommentsAsync(ticketId)).ShouldBe(["按位置"]);
        await using var db = await app.DbAsync();
        (await db.HandlerCheckpoints.SingleAsync(c => c.Handler == handler)).Position.ShouldBe(7);
        (await db.ProcessedEvents.CountAsync(p => p.Handler == handler)).ShouldBe(0);
    }

    private HandlerLedger Ledger(string instance, TimeProvider clock) =>
        new(app.Get<IDbContextFactory<ScrmDbContext>>(), app.Get<WriteGate>(),
            Options.Create(new EventOptions { InstanceId = instance, Lease = TimeSpan.FromSeconds(30) }), clock);
}
