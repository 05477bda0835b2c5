using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Flows;

/// <summary>
/// A flow as drawn in the designer: nodes joined by directed edges. One version of it is what a ticket follows; the
/// definition is stored as JSON (System.Text.Json, camelCase), so everything here is plain serialisable data.
/// </summary>
public sealed record FlowDefinition
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public IReadOnlyList<FlowNode> Nodes { get; init; } = [];
    public IReadOnlyList<FlowEdge> Edges { get; init; } = [];

    public FlowNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    public IEnumerable<FlowEdge> From(string nodeId) => Edges.Where(e => e.From == nodeId);

    public IEnumerable<FlowEdge> To(string nodeId) => Edges.Where(e => e.To == nodeId);
}

/// <summary>
/// One node. Which properties matter depends on <see cref="Kind"/>; the others stay null. <see cref="X"/> and
/// <see cref="Y"/> are where the designer draws it.
/// </summary>
public sealed record FlowNode
{
    public string Id { get; init; } = "";
    public FlowNodeKind Kind { get; init; }
    public string Label { get; init; } = "";
    public string? LabelEn { get; init; }
    public double X { get; init; }
    public double Y { get; init; }

    // Task
    public AssigneeRule? Assignee { get; init; }
    /// <summary>The role for <see cref="AssigneeRule.Role"/> (an AppRoles name: Dispatcher, Manager, Agent, Finance…).</summary>
    public string? Role { get; init; }
    /// <summary>The lifecycle status that completes the task (Accepted, OnSite, Resolved, Closed…).</summary>
    public TicketStatus? WaitFor { get; init; }
    /// <summary>A section of the ticket's form to complete; the task is done when the section's required fields are filled.</summary>
    public string? FormSection { get; init; }
    /// <summary>Task or Approval: how long it may take; past it the engine escalates.</summary>
    public int? TimeLimitMinutes { get; init; }

    // Approval
    public IReadOnlyList<ApprovalLevel>? Levels { get; init; }

    // Timer
    public int? WaitMinutes { get; init; }

    // Notify: to a role (or "Customer") with a message; {number} and {title} are filled in.
    public string? NotifyRole { get; init; }
    public string? Message { get; init; }

    // Child ticket: the pipeline's steps, spawned one after another.
    public IReadOnlyList<ChildStep>? Steps { get; init; }
}

/// <summary>
/// One level of an approval. A level applies when the ticket's amount is at least <see cref="MinAmountFen"/> (null:
/// always); applicable levels are asked in order, each by someone holding <see cref="Role"/>.
/// </summary>
public sealed record ApprovalLevel(string Role, long? MinAmountFen = null, string? Label = null);

/// <summary>One child ticket of a pipeline (e.g. 电路检查 → 管道清洗 → 压力测试) and the party that does it.</summary>
public sealed record ChildStep(string Title, TicketType Type, string Party);

/// <summary>
/// A directed edge. Leaving a Condition node it has a <see cref="When"/> rule, or is the <see cref="IsDefault"/> way
/// when no rule holds; leaving an Approval node it follows one <see cref="Outcome"/>. Rules test facts named like
/// form fields: "ticket.priority", "ticket.type", "ticket.region", "ticket.city", "customer.tier", "amount" (yuan),
/// and every form value by its key.
/// </summary>
public sealed record FlowEdge
{
    public string Id { get; init; } = "";
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public string? Label { get; init; }
    public ConditionRule? When { get; init; }
    public bool IsDefault { get; init; }
    public ApprovalOutcome? Outcome { get; init; }
}
