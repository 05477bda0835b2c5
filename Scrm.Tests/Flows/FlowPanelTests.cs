using Bunit;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Components;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

/// <summary>The ticket page's flow panel: the path as a stepper and the pending approval's buttons for its level's role only.</summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowPanelTests(FlowRuntimeHost app) : AppComponentContext(app)
{
    private readonly FlowRuntimeKit _kit = new(app);

    private async Task<long> AwaitingApprovalAsync()
    {
        var id = await _kit.CreateAsync(TicketType.Return, form: new()
        {
            ["contact_name"] = "刘洋", ["mobile"] = "13912345678", ["order_no"] = "JD-2026-0003",
            ["kind"] = "换货", ["reason"] = "发错货", ["amount"] = 300m,
        });
        await _kit.ActiveAtAsync(id, "quote");
        await _kit.SignalAsync(id, new SectionCompleted("discount"));
        await _kit.ActiveAtAsync(id, "approve");
        return id;
    }

    private IRenderedComponent<FlowPanel> Panel(long id, AccessScope scope) =>
        Render<FlowPanel>(p => p.Add(x => x.TicketId, id).Add(x => x.Scope, scope));

    [Fact]
    public async Task ShowsTheApprovalButtonsOnlyToTheHolderOfTheLevelsRole()
    {
        var id = await AwaitingApprovalAsync();

        var dispatcher = Panel(id, TestApp.Dispatcher("华东"));
        var manager = Panel(id, TestApp.Scope("panel-manager", "华东经理", AppRoles.Manager, allRegions: false, "华东"));

        dispatcher.WaitForAssertion(() => dispatcher.Find("[data-testid=flow-pending]"));
        dispatcher.FindAll("[data-testid=flow-approve]").Count.ShouldBe(1);
        dispatcher.FindAll("[data-testid=flow-reject]").Count.ShouldBe(1);
        dispatcher.FindAll("[data-testid=flow-send-back]").Count.ShouldBe(1);
        manager.WaitForAssertion(() => manager.Find("[data-testid=flow-pending]"));
        manager.FindAll("[data-testid=flow-approve]").ShouldBeEmpty();
        manager.FindAll("[data-testid=flow-reject]").ShouldBeEmpty();
    }

    [Fact]
    public async Task DrawsThePathTakenWhereItWaitsAndWhatComesNext()
    {
        var id = await _kit.CreateAsync(TicketType.Repair);
        await _kit.WalkAsync(id, TicketStatus.Assigned);
        await _kit.ActiveAtAsync(id, "accept");

        var cut = Panel(id, TestApp.Admin);

        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-version]").TextContent.ShouldContain("设备维修"));
        cut.FindAll("[data-testid=flow-step-done]").Select(c => c.TextContent.Trim()).ShouldBe(["开始", "派单"]);
        cut.Find("[data-testid=flow-step-current]").TextContent.Trim().ShouldBe("接单");
        cut.FindAll("[data-testid=flow-step-next]").Select(c => c.TextContent.Trim()).ShouldBe(["上门到场", "维修", "客户确认", "结算", "关闭"]);
    }
}
