using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain;

public sealed class TicketDomainEvents
{
    [Fact]
    public void OpeningATicketRaisesTicketCreatedWithWhatHandlersRouteBy()
    {
        var ticket = SampleTickets.New();

        var created = ticket.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<TicketCreated>();
        created.Number.ShouldBe(SampleTickets.Number);
        created.Region.ShouldBe("华东");
        created.Status.ShouldBe(TicketStatus.New);
        created.Type.ShouldBe(TicketType.Repair);
        created.CustomerId.ShouldBe(42);
        created.City.ShouldBe("上海");
        created.AggregateVersion.ShouldBe(ticket.Version);
        created.OccurredAt.ShouldBe(SampleTickets.Now);
        created.ActorName.ShouldBe(SampleTickets.Dispatcher.Name);
        created.EventId.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public void AssigningRaisesTicketAssignedThenTheMoveToAssigned()
    {
        var ticket = SampleTickets.New();
        ticket.ClearDomainEvents();

        ticket.AssignTo(SampleTickets.Li, SampleTickets.Dispatcher, SampleTickets.Later, "离门店最近");

        ticket.DomainEvents.Count.ShouldBe(2);
        var assigned = ticket.DomainEvents[0].ShouldBeOfType<TicketAssigned>();
        assigned.TechnicianId.ShouldBe(SampleTickets.TechnicianId);
        assigned.PreviousTechnicianId.ShouldBeNull();
        var moved = ticket.DomainEvents[1].ShouldBeOfType<TicketStatusChanged>();
        (moved.From, moved.To).ShouldBe((TicketStatus.New, TicketStatus.Assigned));
        moved.AssigneeId.ShouldBe(SampleTickets.TechnicianId);
        moved.AggregateVersion.ShouldBeGreaterThan(assigned.AggregateVersion);
        moved.AggregateVersion.ShouldBe(ticket.Version);
    }

    [Fact]
    public void ReassigningNamesBothTechnicians()
    {
        var ticket = SampleTickets.In(TicketStatus.Assigned);
        ticket.ClearDomainEvents();

        ticket.AssignTo(SampleTickets.Technician(8, "张师傅"), SampleTickets.Dispatcher, SampleTickets.Later);

        var assigned = ticket.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<TicketAssigned>();
        (assigned.PreviousTechnicianId, assigned.TechnicianId).ShouldBe((SampleTickets.TechnicianId, 8L));
    }

    [Fact]
    public void SendingATicketBackToNewRemembersWhoHadIt()
    {
        var ticket = SampleTickets.In(TicketStatus.Assigned);
        ticket.ClearDomainEvents();

        ticket.TransitionTo(TicketStatus.New, SampleTickets.Dispatcher, SampleTickets.Later);

        var moved = ticket.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<TicketStatusChanged>();
        moved.AssigneeId.ShouldBeNull();
        moved.PreviousAssigneeId.ShouldBe(SampleTickets.TechnicianId);
    }

    [Fact]
    public void EditingRaisesOneEventNamingEveryChangedField()
    {
        var ticket = SampleTickets.New();
        ticket.ClearDomainEvents();

        ticket.Edit("空调漏水", null, TicketPriority.High, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<TicketEdited>().Fields
            .ShouldBe(["Title", "Description", "Priority"]);
    }

    [Fact]
    public void AnEditThatChangesNothingRaisesNothing()
    {
        var ticket = SampleTickets.New();
        ticket.ClearDomainEvents();

        ticket.Edit(ticket.Title, ticket.Description, ticket.Priority, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void CommentingRaisesTicketCommented()
    {
        var ticket = SampleTickets.New();
        ticket.ClearDomainEvents();

        ticket.Comment("已电话联系店长", SampleTickets.Engineer, SampleTickets.Later);

        var commented = ticket.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<TicketCommented>();
        commented.Comment.ShouldBe("已电话联系店长");
        commented.ActorId.ShouldBe(SampleTickets.Engineer.Id);
        commented.OccurredAt.ShouldBe(SampleTickets.Later);
    }

    [Fact]
    public void ARefusedChangeRaisesNothing()
    {
        var ticket = SampleTickets.New();
        ticket.ClearDomainEvents();

        Should.Throw<DomainRuleException>(() => ticket.TransitionTo(TicketStatus.Closed, SampleTickets.Dispatcher, SampleTickets.Later));
        Should.Throw<DomainRuleException>(() => ticket.AssignTo(
            SampleTickets.Technician(9, "陈师傅", city: "广州"), SampleTickets.Dispatcher, SampleTickets.Later));

        ticket.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void EveryEventHasItsOwnId()
    {
        var ticket = SampleTickets.In(TicketStatus.Closed);

        ticket.DomainEvents.Select(e => e.EventId).Distinct().Count().ShouldBe(ticket.DomainEvents.Count);
        ticket.DomainEvents.Select(e => e.AggregateVersion).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Theory]
    [InlineData("priority")]
    [InlineData("type")]
    public void RefusesAnUndefinedTypeOrPriority(string field)
    {
        var draft = SampleTickets.Draft() with
        {
            Type = field == "type" ? (TicketType)7 : TicketType.Repair,
            Priority = field == "priority" ? (TicketPriority)7 : TicketPriority.Normal,
        };

        Should.Throw<DomainRuleException>(() => Ticket.Open(draft, SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now))
            .Code.ShouldBe("Field.NotOneOf");
    }

    [Fact]
    public void RefusesAnUndefinedStatusOrPriorityOnAnOpenTicket()
    {
        var ticket = SampleTickets.New();

        Should.Throw<DomainRuleException>(() => ticket.TransitionTo((TicketStatus)42, SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Field.NotOneOf");
        Should.Throw<DomainRuleException>(() => ticket.Edit("标题", null, (TicketPriority)5, SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Field.NotOneOf");
        ticket.Priority.ShouldBe(TicketPriority.Normal);
    }
}
