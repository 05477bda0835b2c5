using Scrm.Domain.Flows;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain.Flows;

/// <summary>Small flows drawn in tests: nodes by kind, edges named "from>to".</summary>
internal static class FlowGraph
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    public static FlowDefinition Flow(IEnumerable<FlowNode> nodes, params FlowEdge[] edges) =>
        new() { Key = "test", Name = "测试", Nodes = nodes.ToArray(), Edges = edges };

    public static FlowNode Start(string id = "start") => Node(id, FlowNodeKind.Start);

    public static FlowNode End(string id = "end") => Node(id, FlowNodeKind.End);

    public static FlowNode Task(string id, TicketStatus waitFor, int? limit = null) =>
        Node(id, FlowNodeKind.Task) with { Assignee = AssigneeRule.TicketAssignee, WaitFor = waitFor, TimeLimitMinutes = limit };

    public static FlowNode SectionTask(string id, string section, string role = "Agent") =>
        Node(id, FlowNodeKind.Task) with { Assignee = AssigneeRule.Role, Role = role, FormSection = section };

    public static FlowNode Approval(string id, params ApprovalLevel[] levels) => Node(id, FlowNodeKind.Approval) with { Levels = levels };

    public static FlowNode Condition(string id) => Node(id, FlowNodeKind.Condition);

    public static FlowNode Split(string id) => Node(id, FlowNodeKind.ParallelSplit);

    public static FlowNode Join(string id) => Node(id, FlowNodeKind.ParallelJoin);

    public static FlowNode Timer(string id, int minutes) => Node(id, FlowNodeKind.Timer) with { WaitMinutes = minutes };

    public static FlowNode Notice(string id, string role, string message) =>
        Node(id, FlowNodeKind.Notify) with { NotifyRole = role, Message = message };

    public static FlowNode Child(string id, params ChildStep[] steps) => Node(id, FlowNodeKind.ChildTicket) with { Steps = steps };

    public static FlowEdge E(string from, string to) => new() { Id = $"{from}>{to}", From = from, To = to };

    public static FlowEdge When(string from, string to, string key, ConditionOperator op, params string[] values) =>
        E(from, to) with { When = ConditionRule.Field(key, op, values) };

    public static FlowEdge Default(string from, string to) => E(from, to) with { IsDefault = true };

    public static FlowEdge On(string from, string to, ApprovalOutcome outcome) => E(from, to) with { Outcome = outcome };

    private static FlowNode Node(string id, FlowNodeKind kind) => new() { Id = id, Kind = kind, Label = id };
}

/// <summary>Drives one instance through signals, a minute apart, keeping the latest state and effects.</summary>
internal sealed class Instance
{
    private Instance(FlowDefinition flow, FlowFacts facts) => (Flow, Facts) = (flow, facts);

    public FlowDefinition Flow { get; }
    public FlowFacts Facts { get; set; }
    public DateTimeOffset Now { get; private set; } = FlowGraph.T0;
    public FlowInstanceState State { get; private set; } = FlowInstanceState.Empty;
    public IReadOnlyList<FlowEffect> Effects { get; private set; } = [];

    public IReadOnlyList<string> Waiting => State.Active.Select(a => a.NodeId).ToList();
    public IReadOnlyList<string> Path => State.Path.Select(p => p.NodeId).ToList();

    public static Instance Start(FlowDefinition flow, FlowFacts? facts = null)
    {
        var instance = new Instance(flow, facts ?? FlowFacts.Of(TicketStatus.New));
        var step = FlowEngine.Start(flow, instance.Facts, instance.Now);
        (instance.State, instance.Effects) = (step.State, step.Effects);
        return instance;
    }

    public Instance Send(FlowSignal signal, int minutesLater = 1)
    {
        Now = Now.AddMinutes(minutesLater);
        var step = FlowEngine.Apply(Flow, State, signal, Facts, Now);
        (State, Effects) = (step.State, step.Effects);
        return this;
    }

    public IReadOnlyList<T> Effect<T>() where T : FlowEffect => Effects.OfType<T>().ToList();
}
