using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Scrm.Domain.Flows;
using Scrm.Tests.Infrastructure;
using static Scrm.Tests.Domain.Flows.TestFlows;

namespace Scrm.Tests.Components;

/// <summary>The designer's sandbox panel: it runs the canvas's draft and marks the run on the canvas.</summary>
[Collection(AppCollection.Name)]
public sealed class FlowSandboxPanel(TestApp app) : FlowDesignerContext(app)
{
    [Fact]
    public async Task StartingTheRepairFlowMarksItsPathAndAStepMovesTheActiveNodeOn()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(SampleFlows.Repair());
        var cut = await OpenAsync(key);

        await cut.Find("[data-testid=sandbox-toggle]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=sandbox-start]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Mark(cut, "dispatch").ShouldBe("active"));
        Mark(cut, "start").ShouldBe("visited");
        Mark(cut, "accept").ShouldBeNull();
        cut.Find("[data-testid=sandbox-log]").TextContent.ShouldContain("指派任务「派单」给 自动派单");

        await cut.Find("[data-testid=sandbox-offer-StatusReached-dispatch]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Mark(cut, "accept").ShouldBe("active"));
        Mark(cut, "dispatch").ShouldBe("visited");
        cut.Find("[data-testid=flow-node-dispatch]").ClassList.ShouldContain("flow-node-visited");
        cut.Find("[data-testid=sandbox-state]").TextContent.ShouldContain("等待于：接单");
        cut.FindAll("[data-testid=sandbox-step]").Count.ShouldBe(2);
        cut.Find("[data-testid=sandbox-log]").TextContent.ShouldContain("定时「接单」的时限");
        cut.Find("[data-testid=sandbox-offer-TimerDue-accept]").TextContent.ShouldContain("时限到期");
        // The edges taken are drawn in the run's colour: start → 派单 → 接单, and no further.
        cut.FindAll("g.diagram-link path[stroke='#2e7d32']").Count.ShouldBeGreaterThanOrEqualTo(2);
        cut.FindAll("g.diagram-link").Count(l => l.InnerHtml.Contains("#2e7d32")).ShouldBe(2);
    }

    [Fact]
    public async Task ResetClearsTheRunFromThePanelAndTheCanvas()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(SampleFlows.Repair());
        var cut = await OpenAsync(key);
        await cut.Find("[data-testid=sandbox-toggle]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=sandbox-start]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Mark(cut, "dispatch").ShouldBe("active"));

        await cut.Find("[data-testid=sandbox-reset]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.FindAll("[data-sandbox]").ShouldBeEmpty());
        cut.FindAll("[data-testid=sandbox-log]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AFlowWithoutStartSaysWhatIsMissingInsteadOfRunning()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(Simple() with { Nodes = Simple().Nodes.Where(n => n.Kind != FlowNodeKind.Start).ToList(), Edges = [Edge("e2", "repair", "end")] });
        var cut = await OpenAsync(key);

        await cut.Find("[data-testid=sandbox-toggle]").ClickAsync(new MouseEventArgs());

        cut.Find("[data-testid=sandbox-missing-start]").TextContent.ShouldContain("没有开始节点");
        cut.FindAll("[data-testid=sandbox-start]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ATicketOfAnotherRegionIsNotFound()
    {
        using var _ = UiCulture.Chinese();
        var south = await App.CreateTicketAsync(TestApp.Admin, "广州");
        var key = await NewFlowAsync(SampleFlows.Repair(), region: "华东");
        var cut = await OpenAsync(key, Scrm.App.Data.AppRoles.Manager, "华东");
        await cut.Find("[data-testid=sandbox-toggle]").ClickAsync(new MouseEventArgs());

        await cut.Find("input[data-testid=sandbox-ticket-number]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = south.Row.Number });
        await cut.Find("[data-testid=sandbox-find]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.Find("[data-testid=sandbox-ticket-found]").TextContent.ShouldBe($"找不到工单 {south.Row.Number}"));
    }

    private static string? Mark(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string node) =>
        cut.Find($"[data-testid=flow-node-{node}]").GetAttribute("data-sandbox");
}
