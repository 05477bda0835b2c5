using Scrm.Domain.Common;
using Scrm.Domain.Tickets;
using static Scrm.Domain.Tickets.TicketStatus;

namespace Scrm.Tests.Domain;

public class TicketTransitions
{
    public static TheoryData<TicketStatus, TicketStatus> AllowedMoves()
    {
        var moves = new TheoryData<TicketStatus, TicketStatus>();
        foreach (var from in Enum.GetValues<TicketStatus>())
            foreach (var to in TicketWorkflow.AllowedFrom(from))
                moves.Add(from, to);
        return moves;
    }

    public static TheoryData<TicketStatus, TicketStatus> DisallowedMoves()
    {
        var moves = new TheoryData<TicketStatus, TicketStatus>();
        foreach (var from in Enum.GetValues<TicketStatus>())
            foreach (var to in Enum.GetValues<TicketStatus>().Except(TicketWorkflow.AllowedFrom(from)))
                moves.Add(from, to);
        return moves;
    }

    public static TheoryData<TicketStatus, TicketStatus, string?> MovesMissingTheirReason()
    {
        var moves = new TheoryData<TicketStatus, TicketStatus, string?>();
        foreach (var comment in new[] { null, "", "   " })
        {
            moves.Add(InProgress, OnHold, comment);
            moves.Add(New, Cancelled, comment);
            moves.Add(Resolved, Reopened, comment);
        }
        return moves;
    }

    // The generated theories below trust AllowedFrom; this pins the table itself to the documented life cycle.
    [Fact]
    public void AllowsExactlyTheDocumentedMoves()
    {
        var expected = new Dictionary<TicketStatus, TicketStatus[]>
        {
            [New] = [Assigned, Cancelled],
            [Assigned] = [Accepted, New, Cancelled],
            [Accepted] = [EnRoute, Cancelled],
            [EnRoute] = [OnSite, Cancelled],
            [OnSite] = [InProgress],
            [InProgress] = [OnHold, Resolved],
            [OnHold] = [InProgress, Cancelled],
            [Resolved] = [Closed, Reopened],
            [Closed] = [Reopened],
            [Cancelled] = [],
            [Reopened] = [Assigned, InProgress, Cancelled],
        };

        foreach (var status in Enum.GetValues<TicketStatus>())
            TicketWorkflow.AllowedFrom(status).ShouldBe(expected[status], ignoreOrder: true, customMessage: $"from {status}");
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void AcceptsEveryAllowedMove(TicketStatus from, TicketStatus to)
    {
        var ticket = SampleTickets.In(from);
        var version = ticket.Version;

        TicketWorkflow.CanMove(from, to).ShouldBeTrue();
        SampleTickets.MoveTo(ticket, to, SampleTickets.Later);

        ticket.Status.ShouldBe(to);
        ticket.Version.ShouldBeGreaterThan(version);
        var statusChange = ticket.Events.Last(e => e.Kind == TicketEventKind.StatusChanged);
        statusChange.Before.ShouldBe(from.ToString());
        statusChange.After.ShouldBe(to.ToString());
    }

    [Theory]
    [MemberData(nameof(DisallowedMoves))]
    public void RefusesEveryMoveTheWorkflowDoesNotAllow(TicketStatus from, TicketStatus to)
    {
        var ticket = SampleTickets.In(from);
        var version = ticket.Version;
        var eventCount = ticket.Events.Count;

        TicketWorkflow.CanMove(from, to).ShouldBeFalse();
        var refusal = Should.Throw<DomainRuleException>(
            () => ticket.TransitionTo(to, SampleTickets.Dispatcher, SampleTickets.Later, SampleTickets.Reason));

        refusal.Code.ShouldBe("Ticket.IllegalTransition");
        refusal.Args.ShouldBe([from, to]);
        ticket.Status.ShouldBe(from);
        ticket.Version.ShouldBe(version);
        ticket.Events.Count.ShouldBe(eventCount);
    }

    [Fact]
    public void RejectsMoveFromNewToResolved()
    {
        var ticket = SampleTickets.New();

        Should.Throw<DomainRuleException>(() => ticket.TransitionTo(Resolved, SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Ticket.IllegalTransition");
        ticket.ResolvedAt.ShouldBeNull();
    }

    [Fact]
    public void RequiresAnAssigneeToMoveToAssigned()
    {
        var ticket = SampleTickets.New();

        Should.Throw<DomainRuleException>(() => ticket.TransitionTo(Assigned, SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Ticket.AssigneeRequired");
        ticket.Status.ShouldBe(New);
        ticket.Events.Count.ShouldBe(1);
    }

    [Fact]
    public void RequiresAnAssigneeAgainAfterGoingBackToNew()
    {
        var ticket = SampleTickets.In(Assigned);
        ticket.TransitionTo(New, SampleTickets.Dispatcher, SampleTickets.Later);

        Should.Throw<DomainRuleException>(() => ticket.TransitionTo(Assigned, SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Ticket.AssigneeRequired");
    }

    [Theory]
    [MemberData(nameof(MovesMissingTheirReason))]
    public void RequiresAReasonToPutOnHoldCancelOrReopen(TicketStatus from, TicketStatus to, string? comment)
    {
        var ticket = SampleTickets.In(from);

        var refusal = Should.Throw<DomainRuleException>(
            () => ticket.TransitionTo(to, SampleTickets.Dispatcher, SampleTickets.Later, comment));

        refusal.Code.ShouldBe("Ticket.CommentRequired");
        refusal.Args.ShouldBe([to]);
        ticket.Status.ShouldBe(from);
    }

    [Theory]
    [InlineData(New, false)]
    [InlineData(Assigned, false)]
    [InlineData(Accepted, false)]
    [InlineData(EnRoute, false)]
    [InlineData(OnSite, false)]
    [InlineData(InProgress, false)]
    [InlineData(OnHold, true)]
    [InlineData(Resolved, false)]
    [InlineData(Closed, false)]
    [InlineData(Cancelled, true)]
    [InlineData(Reopened, true)]
    public void AsksForAReasonOnlyWhereTheCustomerMustBeTold(TicketStatus to, bool required) =>
        TicketWorkflow.RequiresComment(to).ShouldBe(required);

    [Fact]
    public void TreatsCancelledAsTerminal()
    {
        var ticket = SampleTickets.In(Cancelled);

        TicketWorkflow.AllowedFrom(Cancelled).ShouldBeEmpty();
        Should.Throw<DomainRuleException>(
                () => ticket.TransitionTo(Reopened, SampleTickets.Dispatcher, SampleTickets.Later, SampleTickets.Reason))
            .Code.ShouldBe("Ticket.IllegalTransition");
        Should.Throw<DomainRuleException>(
                () => ticket.AssignTo(SampleTickets.Technician(8, "张师傅"), SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Ticket.CannotAssign");
    }

    [Theory]
    [InlineData(New, true, true)]
    [InlineData(Assigned, true, true)]
    [InlineData(Accepted, true, true)]
    [InlineData(EnRoute, true, true)]
    [InlineData(OnSite, true, true)]
    [InlineData(InProgress, true, true)]
    [InlineData(OnHold, true, true)]
    [InlineData(Resolved, true, false)]
    [InlineData(Closed, false, false)]
    [InlineData(Cancelled, false, false)]
    [InlineData(Reopened, true, true)]
    public void CountsATicketAsOpenUntilClosedOrCancelledAndAsWorkInHandUntilResolved(TicketStatus status, bool open, bool workInHand)
    {
        TicketWorkflow.IsOpen(status).ShouldBe(open);
        TicketWorkflow.OpenStatuses.Contains(status).ShouldBe(open);
        TicketWorkflow.IsWorkInHand(status).ShouldBe(workInHand);
    }

    [Fact]
    public void AssignsOnlyNewAssignedOrReopenedTickets() =>
        Enum.GetValues<TicketStatus>().Where(TicketWorkflow.IsAssignable).ShouldBe([New, Assigned, Reopened]);
}
