using System.Text.Json.Serialization;

namespace Scrm.Domain.Flows;

/// <summary>
/// Where one ticket is in its flow; stored per ticket as JSON (<see cref="Scrm.Domain.Common.DomainJson"/>), so it stays small: the nodes
/// waiting now, the branches already at a join, and the path taken.
/// </summary>
public sealed record FlowInstanceState(
    IReadOnlyList<ActiveNode> Active,
    IReadOnlyList<JoinArrival> Arrivals,
    IReadOnlyList<PathStep> Path,
    bool Finished)
{
    public static FlowInstanceState Empty { get; } = new([], [], [], false);

    public ActiveNode? ActiveAt(string nodeId)
    {
        foreach (var active in Active)
            if (active.NodeId == nodeId) return active;
        return null;
    }
}

/// <summary>
/// A node the flow waits at. <see cref="Visit"/> counts how often the node was entered (1 the first time), which
/// keeps the timer keys of a revisit apart from a stale one. <see cref="Level"/> indexes the Approval node's
/// <see cref="FlowNode.Levels"/>; <see cref="Step"/> the ChildTicket node's <see cref="FlowNode.Steps"/>.
/// </summary>
public sealed record ActiveNode(
    string NodeId,
    DateTimeOffset EnteredAt,
    int Visit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Level = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Step = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Escalated = false);

/// <summary>A branch that reached a ParallelJoin by <see cref="EdgeId"/> and waits there for the others.</summary>
public sealed record JoinArrival(string JoinId, string EdgeId);

/// <summary>
/// One visit of a node. <see cref="LeftAt"/> is null while the flow waits there; <see cref="Outcome"/> says how it
/// was left (an approval outcome, "Done", "TimerDue"…) and <see cref="Comment"/> carries an approver's words.
/// </summary>
public sealed record PathStep(
    string NodeId,
    DateTimeOffset EnteredAt,
    DateTimeOffset? LeftAt = null,
    string? Outcome = null,
    string? Comment = null);
