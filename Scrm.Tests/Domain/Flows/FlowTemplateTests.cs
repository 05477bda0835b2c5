using System.Text.Json;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Flows.TestFlows;

namespace Scrm.Tests.Domain.Flows;

public class FlowTemplateVersions
{
    private static readonly Actor Admin = new("u-admin", "王管理");
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static FlowTemplate Repair(string? region = null) => FlowTemplate.Create("repair-standard", "标准维修流程", "Standard repair", TicketType.Repair, region);

    private static readonly IReadOnlyList<FlowProblem> NoProblems = [];

    [Fact]
    public void StartsWithoutVersionsForItsTicketTypeAndRegion()
    {
        var flow = Repair("华东");

        flow.Key.ShouldBe("repair-standard");
        flow.TicketType.ShouldBe(TicketType.Repair);
        flow.Region.ShouldBe("华东");
        flow.Versions.ShouldBeEmpty();
        flow.Published.ShouldBeNull();
        flow.Draft.ShouldBeNull();
    }

    [Theory]
    [InlineData("Repair-Standard")]
    [InlineData("repair_standard")]
    [InlineData("repair-")]
    [InlineData("维修流程")]
    public void RefusesAKeyThatIsNotLowerCaseWordsWithHyphens(string key) =>
        Should.Throw<DomainRuleException>(() => FlowTemplate.Create(key, "维修", null, TicketType.Repair, null)).Code.ShouldBe("Flow.BadKey");

    [Fact]
    public void SavesTheFirstDraftAsVersionOneWithWhoAndWhen()
    {
        var flow = Repair();

        var draft = flow.SaveDraft(Simple(), Admin, Monday);

        draft.Number.ShouldBe(1);
        draft.Status.ShouldBe(FlowVersionStatus.Draft);
        draft.CreatedAt.ShouldBe(Monday);
        draft.CreatedBy.ShouldBe("王管理");
        draft.Definition.Nodes.Select(n => n.Id).ShouldBe(["start", "repair", "end"]);
        draft.Definition.Key.ShouldBe("repair-standard");
        draft.Definition.Name.ShouldBe("标准维修流程");
    }

    [Fact]
    public void SavingAgainReplacesTheOneDraft()
    {
        var flow = Repair();
        flow.SaveDraft(WithoutEnd(), Admin, Monday);

        flow.SaveDraft(Simple(), Admin, Monday.AddMinutes(5));

        flow.Versions.ShouldHaveSingleItem().SavedAt.ShouldBe(Monday.AddMinutes(5));
        flow.Draft!.Definition.Nodes.Count.ShouldBe(3);
    }

    [Fact]
    public void PublishingMakesTheDraftTheVersionTicketsGetAndRetiresThePreviousOne()
    {
        var flow = Repair();
        flow.SaveDraft(Simple(), Admin, Monday);
        flow.Publish(Admin, Monday.AddHours(1), NoProblems);
        flow.SaveDraft(Rich(), Admin, Monday.AddDays(1));

        var second = flow.Publish(new Actor("u-2", "李经理"), Monday.AddDays(2), NoProblems);

        second.Number.ShouldBe(2);
        second.PublishedAt.ShouldBe(Monday.AddDays(2));
        second.PublishedBy.ShouldBe("李经理");
        flow.Published.ShouldBeSameAs(second);
        flow.Draft.ShouldBeNull();
        var first = flow.VersionNumbered(1);
        first.Status.ShouldBe(FlowVersionStatus.Retired);
        first.RetiredAt.ShouldBe(Monday.AddDays(2));
        first.Definition.Nodes.Count.ShouldBe(3);
    }

    [Fact]
    public void PublishingIsRefusedWhileTheValidatorReportsProblemsNamingTheFirst()
    {
        var flow = Repair();
        flow.SaveDraft(WithoutEnd(), Admin, Monday);
        IReadOnlyList<FlowProblem> problems = [new(null, null, "Flow.NoEnd", "A flow has at least one End."), new("x", null, "Flow.Unreachable", "x")];

        var refusal = Should.Throw<DomainRuleException>(() => flow.Publish(Admin, Monday, problems));

        refusal.Code.ShouldBe("Flow.CannotPublish");
        refusal.Message.ShouldContain("A flow has at least one End.");
        refusal.Args.ShouldBe(["repair-standard", 2, "A flow has at least one End."]);
        flow.Published.ShouldBeNull();
        flow.Draft.ShouldNotBeNull();
    }

    [Fact]
    public void APublishedVersionNeverChangesAndTheNextSaveStartsANewDraft()
    {
        var flow = Repair();
        flow.SaveDraft(Simple(), Admin, Monday);
        flow.Publish(Admin, Monday, NoProblems);

        var draft = flow.SaveDraft(WithoutEnd(), Admin, Monday.AddDays(1));

        draft.Number.ShouldBe(2);
        flow.Published!.Number.ShouldBe(1);
        flow.Published.Definition.Nodes.Count.ShouldBe(3);
    }

    [Fact]
    public void PublishingWithoutADraftIsRefused()
    {
        var flow = Repair();

        Should.Throw<DomainRuleException>(() => flow.Publish(Admin, Monday, NoProblems)).Code.ShouldBe("Flow.NoDraft");
    }

    [Fact]
    public void EveryChangeBumpsTheConcurrencyVersion()
    {
        var flow = Repair();
        flow.SaveDraft(Simple(), Admin, Monday);
        var afterSave = flow.Version;

        flow.Publish(Admin, Monday, NoProblems);

        afterSave.ShouldBe(1);
        flow.Version.ShouldBe(2);
    }

    [Fact]
    public void AnUnknownVersionNumberIsRefused() =>
        Should.Throw<DomainRuleException>(() => Repair().VersionNumbered(3)).Code.ShouldBe("Flow.NoSuchVersion");
}

public class FlowDefinitionJson
{
    [Fact]
    public void IsCamelCaseWithEnumsByName()
    {
        var json = DomainJson.Serialize(Simple());

        using var doc = JsonDocument.Parse(json);
        var repair = doc.RootElement.GetProperty("nodes")[1];
        repair.GetProperty("kind").GetString().ShouldBe("Task");
        repair.GetProperty("assignee").GetString().ShouldBe("TicketAssignee");
        repair.GetProperty("waitFor").GetString().ShouldBe("Resolved");
        repair.GetProperty("x").GetDouble().ShouldBe(240);
    }

    [Fact]
    public void RoundTripsEveryPropertyOfEveryKind()
    {
        var rich = Rich();

        var back = DomainJson.Deserialize<FlowDefinition>(DomainJson.Serialize(rich));

        DomainJson.Serialize(back).ShouldBe(DomainJson.Serialize(rich));
        back.Node("approve")!.Levels!.Select(l => l.MinAmountFen).ShouldBe([null, 500_000L]);
        back.Edges.Single(e => e.Id == "e2").When.ShouldBeOfType<Scrm.Domain.Forms.AllRule>().Rules.Count.ShouldBe(2);
        back.Node("pipe")!.Steps!.Select(s => s.Type).ShouldBe([TicketType.Inspection, TicketType.Maintenance]);
    }
}
