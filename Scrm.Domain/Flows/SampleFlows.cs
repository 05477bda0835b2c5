using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Flows;

/// <summary>
/// The flows a new installation starts with, laid out left to right (one column every 220 px: a node is at most 190 px wide) so the designer draws
/// them readably. Roles are AppRoles names; pipeline parties are the trades that do each child ticket.
/// </summary>
public static class SampleFlows
{
    private const double Column = 220;
    private const double Middle = 200;
    private const double Above = 80;
    private const double Below = 320;

    public static IReadOnlyList<FlowDefinition> All { get; } = [Repair(), Installation(), DiscountApproval(), Complaint()];

    /// <summary>设备维修: every lifecycle step is a task; finance settles on the settlement section after closing.</summary>
    public static FlowDefinition Repair() => new()
    {
        Key = "equipment-repair",
        Name = "设备维修",
        Nodes =
        [
            At(0, Middle, new FlowNode { Id = "start", Kind = FlowNodeKind.Start, Label = "开始", LabelEn = "Start" }),
            At(1, Middle, Task("dispatch", "派单", "Dispatch", AssigneeRule.AutoDispatch, TicketStatus.Assigned) with { Role = "Dispatcher" }),
            At(2, Middle, Task("accept", "接单", "Accept", AssigneeRule.TicketAssignee, TicketStatus.Accepted) with { TimeLimitMinutes = 30 }),
            At(3, Middle, Task("onsite", "上门到场", "On site", AssigneeRule.TicketAssignee, TicketStatus.OnSite)),
            At(4, Middle, Task("repair", "维修", "Repair", AssigneeRule.TicketAssignee, TicketStatus.Resolved)),
            At(5, Middle, Task("confirm", "客户确认", "Customer confirms", AssigneeRule.Role, TicketStatus.Closed) with { Role = "Agent" }),
            At(6, Middle, new FlowNode
            {
                Id = "settle", Kind = FlowNodeKind.Task, Label = "结算", LabelEn = "Settle",
                Assignee = AssigneeRule.Role, Role = "Finance", FormSection = "settlement",
            }),
            At(7, Middle, End("end", "关闭", "Closed")),
        ],
        Edges = Chain("start", "dispatch", "accept", "onsite", "repair", "confirm", "settle", "end"),
    };

    /// <summary>安装: stock and appointment in parallel, then three trades one after another.</summary>
    public static FlowDefinition Installation() => new()
    {
        Key = "installation",
        Name = "安装",
        Nodes =
        [
            At(0, Middle, new FlowNode { Id = "start", Kind = FlowNodeKind.Start, Label = "开始", LabelEn = "Start" }),
            At(1, Middle, new FlowNode { Id = "split", Kind = FlowNodeKind.ParallelSplit, Label = "并行", LabelEn = "Split" }),
            At(2, Above, new FlowNode
            {
                Id = "stock", Kind = FlowNodeKind.Task, Label = "备货", LabelEn = "Stock",
                Assignee = AssigneeRule.Role, Role = "Dispatcher", FormSection = "stock",
            }),
            At(2, Below, new FlowNode
            {
                Id = "book", Kind = FlowNodeKind.Task, Label = "预约", LabelEn = "Appointment",
                Assignee = AssigneeRule.Role, Role = "Agent", FormSection = "appointment",
            }),
            At(3, Middle, new FlowNode { Id = "join", Kind = FlowNodeKind.ParallelJoin, Label = "汇合", LabelEn = "Join" }),
            At(4, Middle, new FlowNode
            {
                Id = "pipeline", Kind = FlowNodeKind.ChildTicket, Label = "分项施工", LabelEn = "Trades",
                Steps =
                [
                    new ChildStep("电路检查", TicketType.Inspection, "电工"),
                    new ChildStep("管道清洗", TicketType.Maintenance, "管道工"),
                    new ChildStep("压力测试", TicketType.Inspection, "质检员"),
                ],
            }),
            At(5, Middle, Task("handover", "验收交付", "Handover", AssigneeRule.TicketAssignee, TicketStatus.Resolved)),
            At(6, Middle, End("end", "完成", "Done")),
        ],
        Edges =
        [
            Edge("e1", "start", "split"),
            Edge("e2", "split", "stock"),
            Edge("e3", "split", "book"),
            Edge("e4", "stock", "join"),
            Edge("e5", "book", "join"),
            Edge("e6", "join", "pipeline"),
            Edge("e7", "pipeline", "handover"),
            Edge("e8", "handover", "end"),
        ],
    };

    /// <summary>折扣审批: the dispatcher always signs; from ¥1,000 a manager too, from ¥5,000 an admin as well.</summary>
    public static FlowDefinition DiscountApproval() => new()
    {
        Key = "discount-approval",
        Name = "折扣审批",
        Nodes =
        [
            At(0, Middle, new FlowNode { Id = "start", Kind = FlowNodeKind.Start, Label = "开始", LabelEn = "Start" }),
            At(1, Middle, new FlowNode
            {
                Id = "quote", Kind = FlowNodeKind.Task, Label = "填写折扣", LabelEn = "Discount request",
                Assignee = AssigneeRule.Role, Role = "Agent", FormSection = "discount",
            }),
            At(2, Middle, new FlowNode
            {
                Id = "approve", Kind = FlowNodeKind.Approval, Label = "折扣审批", LabelEn = "Discount approval",
                TimeLimitMinutes = 240,
                Levels =
                [
                    new ApprovalLevel("Dispatcher", null, "调度审批"),
                    new ApprovalLevel("Manager", 100_000, "经理审批"),
                    new ApprovalLevel("Admin", 500_000, "管理员审批"),
                ],
            }),
            At(3, Above, Notice("granted", "通知批准", "Tell granted", "Customer", "您申请的折扣已批准。")),
            At(3, Below, Notice("refused", "通知驳回", "Tell refused", "Customer", "很抱歉，您申请的折扣未获批准。")),
            At(4, Middle, End("end", "结束", "End")),
        ],
        Edges =
        [
            Edge("e1", "start", "quote"),
            Edge("e2", "quote", "approve"),
            Edge("e3", "approve", "granted") with { Outcome = ApprovalOutcome.Approved, Label = "批准" },
            Edge("e4", "approve", "refused") with { Outcome = ApprovalOutcome.Rejected, Label = "驳回" },
            Edge("e5", "approve", "quote") with { Outcome = ApprovalOutcome.SentBack, Label = "退回修改" },
            Edge("e6", "granted", "end"),
            Edge("e7", "refused", "end"),
        ],
    };

    /// <summary>投诉处理: the customer hears at once; a manager has 120 minutes before it escalates; gold and platinum customers get a call back.</summary>
    public static FlowDefinition Complaint() => new()
    {
        Key = "complaint",
        Name = "投诉处理",
        Nodes =
        [
            At(0, Middle, new FlowNode { Id = "start", Kind = FlowNodeKind.Start, Label = "开始", LabelEn = "Start" }),
            At(1, Middle, Notice("ack", "通知客户", "Tell customer", "Customer", "您的投诉 {number} 已受理，我们将在 2 小时内处理。")),
            At(2, Middle, Task("handle", "处理投诉", "Handle complaint", AssigneeRule.Role, TicketStatus.Resolved) with
            {
                Role = "Manager",
                TimeLimitMinutes = 120,
            }),
            At(3, Middle, new FlowNode { Id = "tier", Kind = FlowNodeKind.Condition, Label = "重要客户？", LabelEn = "Key customer?" }),
            At(4, Above, new FlowNode
            {
                Id = "callback", Kind = FlowNodeKind.Task, Label = "回访", LabelEn = "Call back",
                Assignee = AssigneeRule.Role, Role = "Agent", FormSection = "follow_up",
            }),
            At(5, Middle, End("end", "结束", "End")),
        ],
        Edges =
        [
            Edge("e1", "start", "ack"),
            Edge("e2", "ack", "handle"),
            Edge("e3", "handle", "tier"),
            Edge("e4", "tier", "callback") with
            {
                Label = "金卡及以上",
                When = ConditionRule.Field(FlowFacts.CustomerTier, ConditionOperator.In, "Gold", "Platinum"),
            },
            Edge("e5", "tier", "end") with { IsDefault = true, Label = "其他" },
            Edge("e6", "callback", "end"),
        ],
    };

    private static FlowNode At(int column, double y, FlowNode node) => node with { X = 60 + column * Column, Y = y };

    private static FlowNode Task(string id, string label, string labelEn, AssigneeRule assignee, TicketStatus waitFor) =>
        new() { Id = id, Kind = FlowNodeKind.Task, Label = label, LabelEn = labelEn, Assignee = assignee, WaitFor = waitFor };

    private static FlowNode Notice(string id, string label, string labelEn, string role, string message) =>
        new() { Id = id, Kind = FlowNodeKind.Notify, Label = label, LabelEn = labelEn, NotifyRole = role, Message = message };

    private static FlowNode End(string id, string label, string labelEn) =>
        new() { Id = id, Kind = FlowNodeKind.End, Label = label, LabelEn = labelEn };

    private static FlowEdge Edge(string id, string from, string to) => new() { Id = id, From = from, To = to };

    private static FlowEdge[] Chain(params string[] nodeIds) =>
        nodeIds.Zip(nodeIds.Skip(1), (from, to) => Edge($"{from}-{to}", from, to)).ToArray();
}
