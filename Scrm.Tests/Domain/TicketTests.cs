using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain;

public class TicketOpening
{
    [Fact]
    public void StartsNewAtVersionOneWithACreatedEvent()
    {
        var ticket = Ticket.Open(SampleTickets.Draft(), SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now);

        ticket.Number.ShouldBe(SampleTickets.Number);
        ticket.Status.ShouldBe(TicketStatus.New);
        ticket.Version.ShouldBe(1);
        ticket.CreatedAt.ShouldBe(SampleTickets.Now);
        ticket.UpdatedAt.ShouldBe(SampleTickets.Now);
        ticket.UpdatedByName.ShouldBe(SampleTickets.Dispatcher.Name);
        ticket.AssigneeId.ShouldBeNull();
        var created = ticket.Events.ShouldHaveSingleItem();
        created.Kind.ShouldBe(TicketEventKind.Created);
        created.After.ShouldBe(SampleTickets.Number);
        created.At.ShouldBe(SampleTickets.Now);
        created.ActorId.ShouldBe(SampleTickets.Dispatcher.Id);
        created.ActorName.ShouldBe(SampleTickets.Dispatcher.Name);
    }

    [Fact]
    public void AnUnnumberedTicketIsCheckedAtOnceAndOpensOnlyWhenNumberedAtTheTimeItIsNumbered()
    {
        var later = SampleTickets.Now.AddSeconds(2);
        var ticket = Ticket.OpenUnnumbered(SampleTickets.Draft(), SampleTickets.Dispatcher);
        (ticket.Number, ticket.DomainEvents.Count, ticket.Version).ShouldBe(("", 0, 0L));
        // Its opening line is there to be tracked with it, not yet stamped with a time or a number.
        var opening = ticket.Events.ShouldHaveSingleItem();
        (opening.Kind, opening.After, opening.At).ShouldBe((TicketEventKind.Created, null, default));

        ticket.OpenAs(SampleTickets.Number, later);

        ticket.Number.ShouldBe(SampleTickets.Number);
        (ticket.CreatedAt, ticket.UpdatedAt, ticket.Version).ShouldBe((later, later, 1L));
        var created = ticket.Events.ShouldHaveSingleItem();
        created.ShouldBeSameAs(opening);
        (created.Kind, created.After, created.At, created.ActorId).ShouldBe((TicketEventKind.Created, SampleTickets.Number, later, SampleTickets.Dispatcher.Id));
        var raised = ticket.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<TicketCreated>();
        (raised.Number, raised.OccurredAt, raised.ActorId).ShouldBe((SampleTickets.Number, later, SampleTickets.Dispatcher.Id));
    }

    [Fact]
    public void AnUnnumberedTicketRefusesABadDraftBeforeAnyNumberIsTaken()
    {
        Should.Throw<DomainRuleException>(() => Ticket.OpenUnnumbered(SampleTickets.Draft(title: " "), SampleTickets.Dispatcher))
            .Code.ShouldBe("Field.Required");
    }

    [Fact]
    public void ATicketIsNumberedOnce()
    {
        var ticket = Ticket.Open(SampleTickets.Draft(), SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now);

        Should.Throw<DomainRuleException>(() => ticket.OpenAs("GD-20261124-0002", SampleTickets.Now)).Code.ShouldBe("Ticket.Numbered");
        (ticket.Number, ticket.Events.Count).ShouldBe((SampleTickets.Number, 1));
    }

    [Fact]
    public void KeepsATrimmedSnapshotOfTheDraft()
    {
        var ticket = Ticket.Open(SampleTickets.Draft(title: "  空调不制冷  ", description: "   "),
            SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now);

        ticket.Title.ShouldBe("空调不制冷");
        ticket.Description.ShouldBeNull();
        ticket.Type.ShouldBe(TicketType.Repair);
        ticket.Priority.ShouldBe(TicketPriority.Normal);
        ticket.CustomerId.ShouldBe(42);
        ticket.CustomerName.ShouldBe("全家便利店");
        ticket.SiteId.ShouldBe(3);
        ticket.DeviceId.ShouldBe(9);
        ticket.SiteAddress.ShouldBe("上海市静安区南京西路 1000 号");
        ticket.City.ShouldBe("上海");
        ticket.Region.ShouldBe("华东");
        ticket.Lat.ShouldBe(31.2304);
        ticket.Lng.ShouldBe(121.4737);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void RequiresATitle(string? title)
    {
        var refusal = Should.Throw<DomainRuleException>(() =>
            Ticket.Open(SampleTickets.Draft(title: title!), SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now));

        refusal.Code.ShouldBe("Field.Required");
        refusal.Args.ShouldBe(["title"]);
    }

    [Fact]
    public void RefusesATitleLongerThanTheLimit()
    {
        var refusal = Should.Throw<DomainRuleException>(() => Ticket.Open(
            SampleTickets.Draft(title: new string('修', Ticket.TitleMaxLength + 1)),
            SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now));

        refusal.Code.ShouldBe("Field.TooLong");
        refusal.Args.ShouldBe(["title", Ticket.TitleMaxLength]);
    }

    [Fact]
    public void AcceptsATitleOfExactlyTheLimit()
    {
        var title = new string('修', Ticket.TitleMaxLength);

        Ticket.Open(SampleTickets.Draft(title: title), SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now)
            .Title.ShouldBe(title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GD-20261124-001")]
    [InlineData("gd-20261124-0001")]
    [InlineData("20261124-0001")]
    public void RefusesABadNumber(string number)
    {
        var refusal = Should.Throw<DomainRuleException>(() =>
            Ticket.Open(SampleTickets.Draft(), number, SampleTickets.Dispatcher, SampleTickets.Now));

        refusal.Code.ShouldBe("Ticket.BadNumber");
        refusal.Args.ShouldBe([number]);
    }

    [Fact]
    public void RequiresACustomer()
    {
        var draft = SampleTickets.Draft() with { CustomerId = 0 };

        var refusal = Should.Throw<DomainRuleException>(() =>
            Ticket.Open(draft, SampleTickets.Number, SampleTickets.Dispatcher, SampleTickets.Now));

        refusal.Code.ShouldBe("Field.Required");
        refusal.Args.ShouldBe(["customer"]);
    }
}

public class TicketStatusChanges
{
    [Fact]
    public void WritesAStatusChangedEventWithBeforeAfterCommentAndActor()
    {
        var ticket = SampleTickets.In(TicketStatus.InProgress);
        var version = ticket.Version;

        ticket.TransitionTo(TicketStatus.OnHold, SampleTickets.Engineer, SampleTickets.Later, "  等配件到货  ");

        ticket.Status.ShouldBe(TicketStatus.OnHold);
        ticket.Version.ShouldBe(version + 1);
        ticket.UpdatedAt.ShouldBe(SampleTickets.Later);
        ticket.UpdatedByName.ShouldBe(SampleTickets.Engineer.Name);
        var change = ticket.Events.Last();
        change.Kind.ShouldBe(TicketEventKind.StatusChanged);
        change.Field.ShouldBe("Status");
        change.Before.ShouldBe("InProgress");
        change.After.ShouldBe("OnHold");
        change.Comment.ShouldBe("等配件到货");
        change.ActorId.ShouldBe(SampleTickets.Engineer.Id);
        change.ActorName.ShouldBe(SampleTickets.Engineer.Name);
        change.At.ShouldBe(SampleTickets.Later);
    }

    [Fact]
    public void RecordsNoCommentWhenNoneIsGiven()
    {
        var ticket = SampleTickets.In(TicketStatus.Assigned);

        ticket.TransitionTo(TicketStatus.Accepted, SampleTickets.Engineer, SampleTickets.Later, "  ");

        ticket.Events.Last().Comment.ShouldBeNull();
    }

    [Fact]
    public void RefusesACommentLongerThanTheLimit()
    {
        var ticket = SampleTickets.In(TicketStatus.InProgress);

        var refusal = Should.Throw<DomainRuleException>(() => ticket.TransitionTo(TicketStatus.OnHold,
            SampleTickets.Engineer, SampleTickets.Later, new string('等', Ticket.CommentMaxLength + 1)));

        refusal.Code.ShouldBe("Field.TooLong");
        ticket.Status.ShouldBe(TicketStatus.InProgress);
    }

    [Fact]
    public void StampsResolvedAtWhenResolved()
    {
        var ticket = SampleTickets.In(TicketStatus.InProgress);

        ticket.TransitionTo(TicketStatus.Resolved, SampleTickets.Engineer, SampleTickets.Later);

        ticket.ResolvedAt.ShouldBe(SampleTickets.Later);
        ticket.ClosedAt.ShouldBeNull();
    }

    [Fact]
    public void StampsClosedAtWhenClosedAndKeepsResolvedAt()
    {
        var ticket = SampleTickets.In(TicketStatus.Resolved);
        var resolvedAt = ticket.ResolvedAt;

        ticket.TransitionTo(TicketStatus.Closed, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.ClosedAt.ShouldBe(SampleTickets.Later);
        ticket.ResolvedAt.ShouldNotBeNull();
        ticket.ResolvedAt.ShouldBe(resolvedAt);
    }

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void ReopeningClearsResolvedAndClosedTimes(TicketStatus from)
    {
        var ticket = SampleTickets.In(from);
        ticket.ResolvedAt.ShouldNotBeNull();

        ticket.TransitionTo(TicketStatus.Reopened, SampleTickets.Dispatcher, SampleTickets.Later, "客户反馈仍不制冷");

        ticket.ResolvedAt.ShouldBeNull();
        ticket.ClosedAt.ShouldBeNull();
    }

    [Fact]
    public void GoingBackToNewClearsTheAssignee()
    {
        var ticket = SampleTickets.In(TicketStatus.Assigned);
        ticket.AssigneeId.ShouldBe(SampleTickets.TechnicianId);

        ticket.TransitionTo(TicketStatus.New, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.AssigneeId.ShouldBeNull();
        ticket.AssigneeName.ShouldBeNull();
    }
}

public class TicketAssignment
{
    [Fact]
    public void AssigningANewTicketMovesItToAssigned()
    {
        var ticket = SampleTickets.New();

        ticket.AssignTo(SampleTickets.Li, SampleTickets.Dispatcher, SampleTickets.Later, "离门店最近");

        ticket.Status.ShouldBe(TicketStatus.Assigned);
        ticket.AssigneeId.ShouldBe(SampleTickets.TechnicianId);
        ticket.AssigneeName.ShouldBe(SampleTickets.TechnicianName);
        ticket.Version.ShouldBeGreaterThan(1);
        ticket.UpdatedAt.ShouldBe(SampleTickets.Later);
        ticket.Events.Select(e => e.Kind).ShouldBe(
            [TicketEventKind.Created, TicketEventKind.Assigned, TicketEventKind.StatusChanged]);
        var assigned = ticket.Events.ElementAt(1);
        assigned.Field.ShouldBe("AssigneeName");
        assigned.Before.ShouldBeNull();
        assigned.After.ShouldBe(SampleTickets.TechnicianName);
        assigned.Comment.ShouldBe("离门店最近");
        var statusChange = ticket.Events.Last();
        statusChange.Before.ShouldBe("New");
        statusChange.After.ShouldBe("Assigned");
    }

    [Fact]
    public void ReassigningWhileAssignedKeepsTheStatus()
    {
        var ticket = SampleTickets.In(TicketStatus.Assigned);
        var eventCount = ticket.Events.Count;
        var version = ticket.Version;

        ticket.AssignTo(SampleTickets.Technician(8, "张师傅"), SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.Status.ShouldBe(TicketStatus.Assigned);
        ticket.AssigneeId.ShouldBe(8);
        ticket.AssigneeName.ShouldBe("张师傅");
        ticket.Version.ShouldBe(version + 1);
        ticket.Events.Count.ShouldBe(eventCount + 1);
        var reassigned = ticket.Events.Last();
        reassigned.Kind.ShouldBe(TicketEventKind.Assigned);
        reassigned.Before.ShouldBe(SampleTickets.TechnicianName);
        reassigned.After.ShouldBe("张师傅");
    }

    [Fact]
    public void AssigningTheSameTechnicianAgainChangesNothing()
    {
        var ticket = SampleTickets.In(TicketStatus.Assigned);
        var eventCount = ticket.Events.Count;
        var version = ticket.Version;

        ticket.AssignTo(SampleTickets.Li, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.Events.Count.ShouldBe(eventCount);
        ticket.Version.ShouldBe(version);
        ticket.UpdatedAt.ShouldBe(SampleTickets.Now);
    }

    [Fact]
    public void AssigningAReopenedTicketToAnotherTechnicianMovesItToAssigned()
    {
        var ticket = SampleTickets.In(TicketStatus.Reopened);

        ticket.AssignTo(SampleTickets.Technician(8, "张师傅"), SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.Status.ShouldBe(TicketStatus.Assigned);
        ticket.AssigneeName.ShouldBe("张师傅");
        ticket.Events.Last().After.ShouldBe("Assigned");
    }

    [Theory]
    [InlineData(TicketStatus.Accepted)]
    [InlineData(TicketStatus.EnRoute)]
    [InlineData(TicketStatus.OnSite)]
    [InlineData(TicketStatus.InProgress)]
    [InlineData(TicketStatus.OnHold)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    public void RefusesToAssignOnceTheTechnicianHasAccepted(TicketStatus status)
    {
        var ticket = SampleTickets.In(status);
        var assignee = ticket.AssigneeId;

        var refusal = Should.Throw<DomainRuleException>(
            () => ticket.AssignTo(SampleTickets.Technician(8, "张师傅"), SampleTickets.Dispatcher, SampleTickets.Later));

        refusal.Code.ShouldBe("Ticket.CannotAssign");
        refusal.Args.ShouldBe([status]);
        ticket.AssigneeId.ShouldBe(assignee);
    }

    [Fact]
    public void AssigningAReopenedTicketBackToItsTechnicianMovesItToAssigned()
    {
        var ticket = SampleTickets.In(TicketStatus.Reopened);
        ticket.AssigneeId.ShouldBe(SampleTickets.TechnicianId);

        ticket.AssignTo(SampleTickets.Li, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.Status.ShouldBe(TicketStatus.Assigned);
        ticket.Events.Last().Kind.ShouldBe(TicketEventKind.StatusChanged);
    }

    [Fact]
    public void RefusesATechnicianOfAnotherRegionAndLeavesTheTicketAsItWas()
    {
        var ticket = SampleTickets.New();
        var cantonese = SampleTickets.Technician(8, "陈师傅", city: "广州");

        Should.Throw<DomainRuleException>(() => ticket.AssignTo(cantonese, SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Ticket.TechnicianOutsideRegion");
        ticket.DomainEvents.Count.ShouldBe(1);
        ticket.Status.ShouldBe(TicketStatus.New);
        ticket.AssigneeId.ShouldBeNull();
        ticket.Events.Count.ShouldBe(1);
        ticket.Version.ShouldBe(1);
    }

    [Fact]
    public void RefusesAnOverlongReasonAndKeepsTheCurrentTechnician()
    {
        var ticket = SampleTickets.In(TicketStatus.Assigned);
        var eventCount = ticket.Events.Count;

        Should.Throw<DomainRuleException>(() => ticket.AssignTo(SampleTickets.Technician(8, "张师傅"), SampleTickets.Dispatcher, SampleTickets.Later,
                new string('因', Ticket.CommentMaxLength + 1)))
            .Code.ShouldBe("Field.TooLong");
        ticket.AssigneeId.ShouldBe(SampleTickets.TechnicianId);
        ticket.AssigneeName.ShouldBe(SampleTickets.TechnicianName);
        ticket.Events.Count.ShouldBe(eventCount);
    }
}

public class TicketEditing
{
    [Fact]
    public void WritesOneFieldChangedEventPerChangedField()
    {
        var ticket = SampleTickets.New();

        ticket.Edit("空调漏水", "室内机滴水", TicketPriority.High, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.Title.ShouldBe("空调漏水");
        ticket.Description.ShouldBe("室内机滴水");
        ticket.Priority.ShouldBe(TicketPriority.High);
        ticket.Version.ShouldBe(2);
        ticket.UpdatedAt.ShouldBe(SampleTickets.Later);
        var changes = ticket.Events.Where(e => e.Kind == TicketEventKind.FieldChanged).ToList();
        changes.Select(e => (e.Field, e.Before, e.After)).ShouldBe(
        [
            ("Title", "空调不制冷", "空调漏水"),
            ("Description", "机房空调出风口温度 28℃", "室内机滴水"),
            ("Priority", "Normal", "High"),
        ]);
        changes.ShouldAllBe(e => e.ActorId == SampleTickets.Dispatcher.Id && e.At == SampleTickets.Later);
    }

    [Fact]
    public void WritesEventsOnlyForTheFieldsThatChanged()
    {
        var ticket = SampleTickets.New();

        ticket.Edit(ticket.Title, ticket.Description, TicketPriority.Urgent, SampleTickets.Dispatcher, SampleTickets.Later);

        var change = ticket.Events.Last();
        ticket.Events.Count.ShouldBe(2);
        change.Kind.ShouldBe(TicketEventKind.FieldChanged);
        change.Field.ShouldBe("Priority");
    }

    [Fact]
    public void WritesNothingWhenNothingChanged()
    {
        var ticket = SampleTickets.New();

        ticket.Edit("  空调不制冷 ", ticket.Description, ticket.Priority, SampleTickets.Engineer, SampleTickets.Later);

        ticket.Events.Count.ShouldBe(1);
        ticket.Version.ShouldBe(1);
        ticket.UpdatedAt.ShouldBe(SampleTickets.Now);
        ticket.UpdatedByName.ShouldBe(SampleTickets.Dispatcher.Name);
    }

    [Fact]
    public void TreatsABlankDescriptionAsClearingIt()
    {
        var ticket = SampleTickets.New();

        ticket.Edit(ticket.Title, "   ", ticket.Priority, SampleTickets.Dispatcher, SampleTickets.Later);

        ticket.Description.ShouldBeNull();
        var change = ticket.Events.Last();
        change.Field.ShouldBe("Description");
        change.After.ShouldBeNull();
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Cancelled)]
    public void RefusesEditsOnceTheTicketIsDone(TicketStatus status)
    {
        var ticket = SampleTickets.In(status);

        var refusal = Should.Throw<DomainRuleException>(() =>
            ticket.Edit("新标题", null, TicketPriority.Low, SampleTickets.Dispatcher, SampleTickets.Later));

        refusal.Code.ShouldBe("Ticket.ClosedForEdits");
        ticket.Title.ShouldBe("空调不制冷");
    }

    [Fact]
    public void RequiresATitle()
    {
        var ticket = SampleTickets.New();

        Should.Throw<DomainRuleException>(() =>
                ticket.Edit(" ", null, TicketPriority.Low, SampleTickets.Dispatcher, SampleTickets.Later))
            .Code.ShouldBe("Field.Required");
        ticket.Events.Count.ShouldBe(1);
    }
}

public class TicketComments
{
    [Fact]
    public void AddsATrimmedCommentToTheTimeline()
    {
        var ticket = SampleTickets.New();

        ticket.Comment("  客户下午两点后在店  ", SampleTickets.Engineer, SampleTickets.Later);

        var comment = ticket.Events.Last();
        comment.Kind.ShouldBe(TicketEventKind.Commented);
        comment.Comment.ShouldBe("客户下午两点后在店");
        comment.ActorName.ShouldBe(SampleTickets.Engineer.Name);
        ticket.Version.ShouldBe(2);
        ticket.Status.ShouldBe(TicketStatus.New);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RequiresText(string text)
    {
        var ticket = SampleTickets.New();

        Should.Throw<DomainRuleException>(() => ticket.Comment(text, SampleTickets.Engineer, SampleTickets.Later))
            .Code.ShouldBe("Field.Required");
        ticket.Events.Count.ShouldBe(1);
        ticket.Version.ShouldBe(1);
    }
}
