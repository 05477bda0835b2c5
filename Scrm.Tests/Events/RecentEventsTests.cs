using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Events;

public sealed class RecentEventsHeldInMemory
{
    private static StoredEvent At(long id) =>
        new(id, nameof(TicketCommented), new TicketCommented("评论") { AggregateId = id });

    [Fact]
    public void AnswersWithTheEventsRightAfterThePositionInOrder()
    {
        var recent = new RecentEvents();
        recent.Committed([At(11), At(12), At(13)]);

        recent.After(10, max: 500)!.Select(e => e.Id).ShouldBe([11L, 12L, 13L]);
        recent.After(11, max: 1)!.Select(e => e.Id).ShouldBe([12L]);
    }

    [Fact]
    public void DoesNotAnswerWhenThePositionRightAfterIsNotHeld()
    {
        var recent = new RecentEvents();
        recent.Committed([At(21), At(22)]);

        // Position 20 is not held: a row there may have been committed by someone else, so the table must answer.
        recent.After(19, max: 500).ShouldBeNull();
        recent.After(22, max: 500).ShouldBeNull();
    }

    [Fact]
    public void StopsAtAGapSoThatNoCommittedRowIsPassedOver()
    {
        var recent = new RecentEvents();
        recent.Committed([At(31), At(32)]);
        recent.Committed([At(35)]);

        recent.After(30, max: 500)!.Select(e => e.Id).ShouldBe([31L, 32L]);
        recent.After(32, max: 500).ShouldBeNull();
    }

    [Fact]
    public void ForgetsWhatTheRingHasOverwritten()
    {
        var recent = new RecentEvents();
        recent.Committed([At(1)]);
        recent.Committed([At(1 + RecentEvents.Capacity)]);

        recent.After(0, max: 500).ShouldBeNull();
    }

    [Fact]
    public void KnowsNothingIsNewerOnlyOnceItHasSeenACommit()
    {
        var recent = new RecentEvents();

        // After a restart the table may hold a backlog: only it can answer.
        recent.NothingAfter(0).ShouldBeFalse();
        recent.Committed([At(41), At(42)]);

        recent.NothingAfter(42).ShouldBeTrue();
        recent.NothingAfter(41).ShouldBeFalse();
    }

    [Fact]
    public void ACommitOutsideTheRingSendsTheReaderToTheTableUntilTheRingsNextCommit()
    {
        var recent = new RecentEvents();
        recent.Committed([At(51)]);

        recent.CommittedElsewhere();
        recent.NothingAfter(51).ShouldBeFalse();

        // The ring's next commit comes after every row committed before it, so its newest position is again the newest.
        recent.Committed([At(53)]);
        recent.NothingAfter(53).ShouldBeTrue();
        recent.After(51, max: 500).ShouldBeNull();
    }
}
