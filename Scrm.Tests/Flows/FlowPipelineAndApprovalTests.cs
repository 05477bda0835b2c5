using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowPipelineAndApprovalTests(FlowRuntimeHost app)
{
    private readonly FlowRuntimeKit _kit = new(app);

    /// <summary>
    /// 安装  start → split → (备货 stock ∥ 预约 appointment) → join → 分项施工 [电路检查 → 管道清洗 → 压力测试] → 验收交付(Resolved) → end
    /// </summary>
    [Fact]
    public async Task TheInstallationPipelineSpawnsOneChildAfterAnotherAndHoldsTheParentWhileOneIsOpen()
    {
        var parent = await _kit.CreateAsync(TicketType.Installation, "安装 多联机");
        await _kit.ActiveAtAsync(parent, "stock", "book");
        await _kit.SignalAsync(parent, new SectionCompleted("stock"));
        await _kit.SignalAsync(parent, new SectionCompleted("appointment"));

        var first = (await _kit.WaitForChildrenAsync(parent, 1)).ShouldHaveSingleItem();
        var number = (await app.LoadTicketAsync(parent)).Number;
        first.Title.ShouldBe($"{number} 电路检查");
        first.Type.ShouldBe(TicketType.Inspection);
        first.Region.ShouldBe(Regions.East);
        first.CustomerId.ShouldBe((await app.LoadTicketAsync(parent)).CustomerId);

        await _kit.WalkToAsync(parent, TicketStatus.InProgress);
        var refused = await Should.ThrowAsync<DomainRuleException>(() => app.Tickets.TransitionAsync(TestApp.Admin, parent, TicketStatus.Resolved, null));
        refused.Code.ShouldBe(FlowEngine.ChildTicketOpen);

        await _kit.WalkToAsync(first.Id, TicketStatus.Closed);

        var children = await _kit.WaitForChildrenAsync(parent, 2);
        children[1].Title.ShouldBe($"{number} 管道清洗");
        var told = (await _kit.TimelineAsync(parent, TicketEventKind.Flow)).Where(e => e.Field == FlowTexts.Notified).ShouldHaveSingleItem();
        told.After.ShouldBe("管道工");
        told.Comment.ShouldBe("电路检查已完成，请开始管道清洗");
        (await _kit.InstanceAsync(parent)).State().Active.ShouldHaveSingleItem().Step.ShouldBe(1);
    }

    private static Dictionary<string, object?> ReturnForm(decimal amount) => new()
    {
        ["contact_name"] = "刘洋", ["mobile"] = "13912345678", ["order_no"] = "JD-2026-0001",
        ["kind"] = "退货", ["reason"] = "不想要了", ["amount"] = amount,
    };

    private static AccessScope Role(string role) => TestApp.Scope($"test-{role}", $"测试{role}", role, allRegions: true);

    /// <summary>
    /// 折扣审批  start → 填写折扣(discount) → 折扣审批 [调度 | ≥¥1,000 经理 | ≥¥5,000 管理员] → 批准/驳回 notice → end;
    /// 退回 goes back to 填写折扣.
    /// </summary>
    private async Task<long> AwaitingApprovalAsync(decimal amount)
    {
        var id = await _kit.CreateAsync(TicketType.Return, form: ReturnForm(amount));
        await _kit.ActiveAtAsync(id, "quote");
        // The agent fills in the demo return form's 折扣申请 section on the ticket page; the edit completes the task.
        var form = ReturnForm(amount);
        form["discount_amount"] = 300m;
        await app.Tickets.UpdateFormAsync(TestApp.Admin, id, form);
        await _kit.ActiveAtAsync(id, "approve");
        return id;
    }

    [Fact]
    public async Task ADiscountOfSixThousandYuanIsAskedOfDispatcherThenManagerThenAdmin()
    {
        var id = await AwaitingApprovalAsync(6000m);
        var decisions = app.Get<FlowDecisions>();

        var wrong = await Should.ThrowAsync<AccessDeniedException>(() =>
            decisions.DecideAsync(Role("Manager"), id, "approve", ApprovalOutcome.Approved, null, null));
        wrong.Code.ShouldBe("Flow.NotYourDecision");
        var gated = await Should.ThrowAsync<DomainRuleException>(() => app.Tickets.TransitionAsync(TestApp.Admin, id, TicketStatus.Resolved, null));
        gated.Code.ShouldBe(FlowEngine.ApprovalPending);

        (await decisions.DecideAsync(Role("Dispatcher"), id, "approve", ApprovalOutcome.Approved, null, null)).PendingApproval!.Role.ShouldBe("Manager");
        (await decisions.DecideAsync(Role("Manager"), id, "approve", ApprovalOutcome.Approved, "同意", null)).PendingApproval!.Role.ShouldBe("Admin");
        var done = await decisions.DecideAsync(Role("Admin"), id, "approve", ApprovalOutcome.Approved, null, null);

        done.PendingApproval.ShouldBeNull();
        done.Finished.ShouldBeTrue();
        done.Path.Select(p => p.NodeId).ShouldBe(["start", "quote", "approve", "granted", "end"]);
        var lines = await _kit.TimelineAsync(id, TicketEventKind.Flow);
        lines.Where(e => e.Field == FlowTexts.ApprovalAsked).Select(e => e.After).ShouldBe(["调度审批 → 调度", "经理审批 → 经理", "管理员审批 → 管理员"]);
        lines.Where(e => e.Field == FlowTexts.Decided).Select(e => e.ActorName).ShouldBe(["测试Dispatcher", "测试Manager", "测试Admin"]);
    }

    [Fact]
    public async Task SendingBackNeedsACommentAndReturnsToTheTaskAndRejectingEndsOnTheRejectedPath()
    {
        var id = await AwaitingApprovalAsync(800m);
        var decisions = app.Get<FlowDecisions>();

        var silent = await Should.ThrowAsync<DomainRuleException>(() =>
            decisions.DecideAsync(Role("Dispatcher"), id, "approve", ApprovalOutcome.SentBack, " ", null));
        silent.Code.ShouldBe("Flow.CommentRequired");
        var back = await decisions.DecideAsync(Role("Dispatcher"), id, "approve", ApprovalOutcome.SentBack, "请补充订单截图", null);
        back.Active.ShouldHaveSingleItem().Id.ShouldBe("quote");
        back.Path.Single(p => p.NodeId == "approve").Comment.ShouldBe("请补充订单截图");

        await _kit.SignalAsync(id, new SectionCompleted("discount"));
        var rejected = await decisions.DecideAsync(Role("Dispatcher"), id, "approve", ApprovalOutcome.Rejected, "折扣超出权限", null);

        rejected.Finished.ShouldBeTrue();
        rejected.Path.Select(p => p.NodeId).ShouldBe(["start", "quote", "approve", "quote", "approve", "refused", "end"]);
        (await _kit.TimelineAsync(id, TicketEventKind.Flow)).Where(e => e.Field == FlowTexts.Decided).Select(e => e.Comment)
            .ShouldBe(["请补充订单截图", "折扣超出权限"]);
    }
}
