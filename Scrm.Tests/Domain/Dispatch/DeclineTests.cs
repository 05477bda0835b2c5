using Scrm.App.Features.Dispatch.MyJobs;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.SampleTickets;

namespace Scrm.Tests.Domain.Dispatch;

/// <summary>A technician turns a job down: back to the queue with the reason; and the steps a job card offers.</summary>
public sealed class DeclineTests
{
    [Fact]
    public void ADeclinedTicketGoesBackToTheQueueWithTheReasonOnItsTimeline()
    {
        var ticket = In(TicketStatus.Assigned);

        ticket.Decline(Engineer, Later, "今天在外地，赶不过去");

        ticket.Status.ShouldBe(TicketStatus.New);
        ticket.AssigneeId.ShouldBeNull();
        ticket.Events.Last().Comment.ShouldBe("今天在外地，赶不过去");
        ticket.DomainEvents.OfType<TicketStatusChanged>().Last().PreviousAssigneeId.ShouldBe(TechnicianId);
    }

    [Fact]
    public void DecliningNeedsAReasonAndAnAssignedTicket()
    {
        Should.Throw<DomainRuleException>(() => In(TicketStatus.Assigned).Decline(Engineer, Later, " ")).Code.ShouldBe("Ticket.CommentRequired");
        Should.Throw<DomainRuleException>(() => In(TicketStatus.Accepted).Decline(Engineer, Later, "太远")).Code.ShouldBe("Ticket.CannotDecline");
    }

    [Fact]
    public void ArrivalIsAnnouncedOncePerTripAndOnlyOnTheWay()
    {
        In(TicketStatus.Accepted).AnnounceArrival(10, Engineer, Later).ShouldBeFalse();
        var ticket = In(TicketStatus.EnRoute);

        ticket.AnnounceArrival(12, Engineer, Later).ShouldBeTrue();
        ticket.AnnounceArrival(5, Engineer, Later).ShouldBeFalse();

        ticket.DomainEvents.OfType<TechnicianArriving>().ShouldHaveSingleItem().EtaMinutes.ShouldBe(12);
    }

    [Theory]
    [InlineData(TicketStatus.Assigned, "Accept,Decline")]
    [InlineData(TicketStatus.Accepted, "Depart")]
    [InlineData(TicketStatus.EnRoute, "Arrive")]
    [InlineData(TicketStatus.OnSite, "Start")]
    [InlineData(TicketStatus.InProgress, "Complete,Hold")]
    [InlineData(TicketStatus.OnHold, "Resume")]
    [InlineData(TicketStatus.Resolved, "")]
    public void EachStageOffersItsNextStep(TicketStatus status, string steps)
    {
        string.Join(",", JobSteps.Next(status).Select(s => s.Key)).ShouldBe(steps);
        foreach (var step in JobSteps.Next(status).Where(s => s.To is not null))
            TicketWorkflow.CanMove(status, step.To!.Value).ShouldBeTrue();
    }
}
