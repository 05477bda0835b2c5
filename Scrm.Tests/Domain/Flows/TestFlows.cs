using Scrm.Domain.Flows;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain.Flows;

/// <summary>Small flows the flow tests build on.</summary>
public static class TestFlows
{
    public static FlowNode Node(string id, FlowNodeKind kind, string label, double x = 0, double y = 0) =>
        new() { Id = id, Kind = kind, Label = label, X = x, Y = y };

    public static FlowEdge Edge(string id, string from, string to) => new() { Id = id, From = from, To = to };

    /// <summary>开始 → 上门维修 → 结束.</summary>
    public static FlowDefinition Simple() => new()
    {
        Nodes =
        [
            Node("start", FlowNodeKind.Start, "开始", 40, 120),
            Node("repair", FlowNodeKind.Task, "上门维修", 240, 120) with
            {
                Assignee = AssigneeRule.TicketAssignee, WaitFor = TicketStatus.Resolved, TimeLimitMinutes = 240,
            },
            Node("end", FlowNodeKind.End, "结束", 440, 120),
        ],
        Edges = [Edge("e1", "start", "repair"), Edge("e2", "repair", "end")],
    };

    /// <summary>Simple() without its End: a flow no validator lets through.</summary>
    public static FlowDefinition WithoutEnd() => Simple() with
    {
        Nodes = Simple().Nodes.Where(n => n.Kind != FlowNodeKind.End).ToList(),
        Edges = [Edge("e1", "start", "repair")],
    };

    /// <summary>
    /// Every kind of property: 开始 → 金额? (≥ 5000 元 → 两级审批 → 通知 / else → 结束), 审批 rejected → 结束,
    /// the notification → 并行 (定时 ‖ 管道) → 汇合 → 结束.
    /// </summary>
    public static FlowDefinition Rich() => new()
    {
        Nodes =
        [
            Node("start", FlowNodeKind.Start, "开始", 20, 20),
            Node("amount", FlowNodeKind.Condition, "金额判断", 180, 20) with { LabelEn = "Amount?" },
            Node("approve", FlowNodeKind.Approval, "费用审批", 340, 20) with
            {
                Levels = [new ApprovalLevel("Manager", null, "区域经理"), new ApprovalLevel("Finance", 500_000, "财务")], TimeLimitMinutes = 60,
            },
            Node("notify", FlowNodeKind.Notify, "通知客户", 500, 20) with { NotifyRole = "Customer", Message = "工单 {number} 已批准" },
            Node("split", FlowNodeKind.ParallelSplit, "并行", 660, 20),
            Node("wait", FlowNodeKind.Timer, "等待备件", 820, 0) with { WaitMinutes = 30 },
            Node("pipe", FlowNodeKind.ChildTicket, "管道工程", 820, 90) with
            {
                Steps = [new ChildStep("电路检查", TicketType.Inspection, "电工班"), new ChildStep("压力测试", TicketType.Maintenance, "管道班")],
            },
            Node("join", FlowNodeKind.ParallelJoin, "汇合", 980, 20),
            Node("end", FlowNodeKind.End, "结束", 1140, 20),
        ],
        Edges =
        [
            Edge("e1", "start", "amount"),
            Edge("e2", "amount", "approve") with
            {
                Label = "大额", When = ConditionRule.All(ConditionRule.Field("amount", ConditionOperator.GreaterOrEqual, "5000"),
                    ConditionRule.Field("customer.tier", ConditionOperator.In, "Vip", "Key")),
            },
            Edge("e3", "amount", "end") with { IsDefault = true },
            Edge("e4", "approve", "notify") with { Outcome = ApprovalOutcome.Approved },
            Edge("e5", "approve", "end") with { Outcome = ApprovalOutcome.Rejected, Label = "驳回" },
            Edge("e6", "notify", "split"),
            Edge("e7", "split", "wait"),
            Edge("e8", "split", "pipe"),
            Edge("e9", "wait", "join"),
            Edge("e10", "pipe", "join"),
            Edge("e11", "join", "end"),
        ],
    };
}
