using Scrm.Domain.Common;
using Scrm.Domain.Tickets;
using Scrm.Tests.Domain;

namespace Scrm.Tests.Tracking;

public sealed class CustomerConfirmation
{
    private static readonly Actor Customer = new("customer:42", "全家便利店");

    [Fact]
    public void ClosesAResolvedTicketAndSaysSo()
    {
        var ticket = SampleTickets.In(TicketStatus.Resolved);
        ticket.ClearDomainEvents();

        ticket.ConfirmCompletion(Customer, SampleTickets.Later);

        ticket.Status.ShouldBe(TicketStatus.Closed);
        ticket.ClosedAt.ShouldBe(SampleTickets.Later);
        ticket.DomainEvents.OfType<TicketStatusChanged>().Single().To.ShouldBe(TicketStatus.Closed);
        ticket.DomainEvents.OfType<TicketCompletionConfirmed>().Single().ActorName.ShouldBe("全家便利店");
        ticket.Events.Last(e => e.Kind == TicketEventKind.StatusChanged).ActorId.ShouldBe("customer:42");
    }

    [Theory]
    [InlineData(TicketStatus.New)]
    [InlineData(TicketStatus.EnRoute)]
    [InlineData(TicketStatus.InProgress)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Reopened)]
    public void IsRefusedUnlessTheTicketIsResolved(TicketStatus status)
    {
        var ticket = SampleTickets.In(status);

        Should.Throw<DomainRuleException>(() => ticket.ConfirmCompletion(Customer, SampleTickets.Later)).Code.ShouldBe("Ticket.NotResolved");
        ticket.Status.ShouldBe(status);
    }
}

public sealed class CustomerRating
{
    private static readonly Actor Customer = new("customer:42", "全家便利店");

    private static Ticket Closed()
    {
        var ticket = SampleTickets.In(TicketStatus.Resolved);
        ticket.ConfirmCompletion(Customer, SampleTickets.Later);
        ticket.ClearDomainEvents();
        return ticket;
    }

    [Fact]
    public void RecordsStarsAndCommentAndRaisesTicketRatedForTheAssignee()
    {
        var ticket = Closed();

        ticket.Rate(4, "  师傅很准时  ", Customer, SampleTickets.Later);

        ticket.CustomerRating.ShouldBe(4);
        ticket.CustomerRatingComment.ShouldBe("师傅很准时");
        var rated = ticket.DomainEvents.OfType<TicketRated>().Single();
        rated.ShouldSatisfyAllConditions(
            r => r.Stars.ShouldBe(4), r => r.Comment.ShouldBe("师傅很准时"), r => r.AssigneeId.ShouldBe(SampleTickets.TechnicianId));
        ticket.Events.Last().Kind.ShouldBe(TicketEventKind.Rated);
    }

    [Fact]
    public void IsAcceptedOnceOnly()
    {
        var ticket = Closed();
        ticket.Rate(5, null, Customer, SampleTickets.Later);

        Should.Throw<DomainRuleException>(() => ticket.Rate(1, "改主意了", Customer, SampleTickets.Later)).Code.ShouldBe("Ticket.AlreadyRated");
        ticket.CustomerRating.ShouldBe(5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-3)]
    public void TakesOneToFiveStarsOnly(int stars)
    {
        var ticket = Closed();

        Should.Throw<DomainRuleException>(() => ticket.Rate(stars, null, Customer, SampleTickets.Later)).Code.ShouldBe("Rating.StarsOutOfRange");
        ticket.CustomerRating.ShouldBeNull();
    }

    [Fact]
    public void WaitsUntilTheCustomerConfirmed()
    {
        var ticket = SampleTickets.In(TicketStatus.Resolved);

        Should.Throw<DomainRuleException>(() => ticket.Rate(5, null, Customer, SampleTickets.Later)).Code.ShouldBe("Ticket.NotClosed");
    }

    [Fact]
    public void FoldsIntoTheTechniciansExactAverage()
    {
        var technician = SampleTickets.Technician(3, "周师傅");

        foreach (var stars in new[] { 5, 4, 4 }) technician.AddRating(stars);

        technician.RatingCount.ShouldBe(3);
        technician.RatingStars.ShouldBe(13);
        technician.Rating.ShouldBe(4.33);
        // A thousand more ratings later the average is still the sum over the count, not a drifting running mean.
        for (var i = 0; i < 1000; i++) technician.AddRating(i % 2 == 0 ? 5 : 2);
        technician.Rating.ShouldBe(Math.Round((13 + 500 * 5 + 500 * 2) / 1003.0, 2));
        Should.Throw<DomainRuleException>(() => technician.AddRating(6)).Code.ShouldBe("Rating.StarsOutOfRange");
    }
}
