using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Scrm.App.Data;
using Scrm.Domain.Flows;
using Scrm.Domain.Forms;
using Scrm.Tests.Domain.Flows;
using Scrm.Tests.Infrastructure;
using static Scrm.Tests.Domain.Flows.TestFlows;

namespace Scrm.Tests.Components;

/// <summary>The flow designer's panels: node and edge properties, publishing, who may edit.</summary>
[Collection(AppCollection.Name)]
public sealed class FlowDesigning(TestApp app) : FlowDesignerContext(app)
{
    [Fact]
    public async Task ANodeAddedFromThePaletteIsSelectedAndItsPropertiesEditIt()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(Simple());
        var cut = await OpenAsync(key);

        await cut.Find("[data-testid=palette-add-Timer]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("[data-testid=node-properties]").TextContent.ShouldContain("定时节点属性"));
        await cut.Find("input[data-testid=node-label]").ChangeAsync(new ChangeEventArgs { Value = "等待备件到货" });
        await cut.Find("input[data-testid=node-wait-minutes]").ChangeAsync(new ChangeEventArgs { Value = "45" });

        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-node-timer-1]").TextContent.ShouldContain("等待备件到货"));
        cut.Find("[data-testid=flow-node-timer-1]").TextContent.ShouldContain("45 分钟");
        cut.Find("[data-testid=flow-state]").TextContent.ShouldContain("有未保存的修改");
        await cut.Find("[data-testid=flow-save]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-state]").TextContent.ShouldNotContain("有未保存的修改"));
        var saved = (await Flows.GetAsync(TestApp.Admin, key)).Draft!.Definition.Node("timer-1")!;
        (saved.Label, saved.WaitMinutes).ShouldBe(("等待备件到货", 45));
    }

    [Fact]
    public async Task TheEdgePropertiesEditTheConditionOfAnEdgeLeavingAConditionNode()
    {
        using var _ = UiCulture.Chinese();
        // 开始 → 条件 → 结束: the one edge leaving the condition is edited.
        var key = await NewFlowAsync(new FlowDefinition
        {
            Nodes = [Node("start", FlowNodeKind.Start, "开始"), Node("urgent", FlowNodeKind.Condition, "是否紧急", 200), Node("end", FlowNodeKind.End, "结束", 400)],
            Edges = [Edge("e1", "start", "urgent"), Edge("e2", "urgent", "end")],
        });
        var cut = await OpenAsync(key);

        await cut.FindAll("g.diagram-link")[1].TriggerEventAsync("onpointerdown", new PointerEventArgs { Button = 0 });
        cut.WaitForAssertion(() => cut.Find("[data-testid=edge-properties]"));
        await cut.Find("[data-testid=rule-add]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=rule-values]"));
        await cut.Find("input[data-testid=rule-values]").ChangeAsync(new ChangeEventArgs { Value = "Urgent, High" });
        await cut.Find("[data-testid=flow-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-state]").TextContent.ShouldNotContain("有未保存的修改"));
        var edge = (await Flows.GetAsync(TestApp.Admin, key)).Draft!.Definition.Edges.Single(e => e.Id == "e2");
        var rule = edge.When.ShouldBeOfType<AllRule>().Rules.ShouldHaveSingleItem().ShouldBeOfType<FieldRule>();
        (rule.FieldKey, rule.Operator).ShouldBe(("ticket.priority", ConditionOperator.Equals));
        rule.Values.ShouldBe(["Urgent", "High"]);
        cut.Find("g.diagram-link:nth-of-type(2)").TextContent.ShouldContain("工单优先级");
    }

    [Fact]
    public async Task PublishingAFlowWithoutAnEndIsRefusedWithTheProblemsShown()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(WithoutEnd());
        var cut = await OpenAsync(key);
        cut.FindAll("[data-testid=flow-problem]").ShouldNotBeEmpty();

        await cut.Find("[data-testid=flow-publish]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=publish-problem]").ShouldNotBeEmpty());
        Snackbars(cut).ShouldContain(s => s.Contains("不能发布"));
        (await Flows.GetAsync(TestApp.Admin, key)).Published.ShouldBeNull();
    }

    [Fact]
    public async Task AFlowWithAnEndPublishesAndItsHistoryShowsThePublishedVersion()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(Simple());
        var cut = await OpenAsync(key);
        cut.FindAll("[data-testid=flow-problem]").ShouldBeEmpty();

        await cut.Find("[data-testid=flow-publish]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-history-v1] [data-testid=flow-history-status]").TextContent.ShouldBe("已发布"));
        cut.FindAll("[data-testid=publish-refused]").ShouldBeEmpty();
    }

    [Fact]
    public async Task PublishPressedBeforeTheSaveJustPressedHasComeBackWaitsForItAndPublishes()
    {
        // A button greys out only once the server's render reaches the browser, so a quick Publish after Save arrives
        // while the save still awaits the database; a greyed-out MudButton used to drop it silently (the flow stayed a
        // draft). Holding the write gate keeps the save in flight for the press.
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(Simple());
        var cut = await OpenAsync(key);
        await cut.FindAll("g.diagram-link")[0].TriggerEventAsync("onpointerdown", new PointerEventArgs { Button = 0 });
        cut.WaitForAssertion(() => cut.Find("[data-testid=edge-properties]"));
        await cut.Find("input[data-testid=edge-label]").ChangeAsync(new ChangeEventArgs { Value = "立即派单" });
        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-state]").TextContent.ShouldContain("有未保存的修改"));

        await PressDuringTheWriteAsync(cut, "[data-testid=flow-save]", "[data-testid=flow-working]", "[data-testid=flow-publish]");

        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-history-v1] [data-testid=flow-history-status]").TextContent.ShouldBe("已发布"));
        (await Flows.GetAsync(TestApp.Admin, key)).Published!.Definition.Edges.Single(e => e.Id == "e1").Label.ShouldBe("立即派单");
        Snackbars(cut).ShouldBe(["草稿已保存（v1）", "已发布 v1"]);
        cut.FindAll("[data-testid=flow-working]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ARegionsManagerOpensAHeadOfficeFlowReadOnly()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(Simple());

        var cut = await OpenAsync(key, AppRoles.Manager, "华东");

        cut.Find("[data-testid=flow-readonly]").TextContent.ShouldContain("只能查看");
        cut.Find("[data-testid=flow-save]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("[data-testid=flow-publish]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("[data-testid=palette-add-Task]").HasAttribute("disabled").ShouldBeTrue();
        NodeLabels(cut).ShouldBe(["开始", "上门维修", "结束"]);
    }

    [Fact]
    public async Task AnOldVersionOpensReadOnlyFromTheHistory()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewFlowAsync(Simple());
        await Flows.PublishAsync(TestApp.Admin, key);
        await Flows.SaveDraftAsync(TestApp.Admin, key, Simple() with { Nodes = [.. Simple().Nodes, Node("notify", FlowNodeKind.Notify, "通知客户")] });
        var cut = await OpenAsync(key);
        NodeLabels(cut).ShouldContain("通知客户");

        await cut.Find("[data-testid=flow-history-v1] [data-testid=flow-history-open]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-old-version]"));
        NodeLabels(cut).ShouldBe(["开始", "上门维修", "结束"]);
        cut.Find("[data-testid=flow-save]").HasAttribute("disabled").ShouldBeTrue();
    }
}
