using static Scrm.Domain.Flows.FlowProblemCodes;

namespace Scrm.Domain.Flows;

/// <summary>
/// Checks a flow before it is published. A ParallelSplit need not meet a join: each branch may end at its own End,
/// and the instance finishes when the last branch has ended. A ParallelJoin, though, must have a split upstream of
/// every incoming edge, since exclusive branches (a Condition's) would never all arrive.
/// </summary>
public static class FlowValidator
{
    public static IReadOnlyList<FlowProblem> Validate(FlowDefinition flow)
    {
        var problems = new List<FlowProblem>();
        CheckIds(flow, problems);
        CheckStartAndEnd(flow, problems);
        CheckEdges(flow, problems);
        CheckReachable(flow, problems);
        foreach (var node in flow.Nodes) CheckNode(flow, node, problems);
        FlowGraphChecks.CheckJoins(flow, problems);
        FlowGraphChecks.CheckLoops(flow, problems);
        return problems;
    }

    private static void CheckIds(FlowDefinition flow, List<FlowProblem> problems)
    {
        foreach (var id in flow.Nodes.GroupBy(n => n.Id).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add(new(id, null, DuplicateNodeId, $"Two nodes have the id '{id}'."));
        foreach (var id in flow.Edges.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add(new(null, id, DuplicateEdgeId, $"Two edges have the id '{id}'."));
    }

    private static void CheckStartAndEnd(FlowDefinition flow, List<FlowProblem> problems)
    {
        var starts = flow.Nodes.Where(n => n.Kind == FlowNodeKind.Start).ToList();
        if (starts.Count == 0) problems.Add(new(null, null, NoStart, "The flow has no Start node."));
        foreach (var extra in starts.Skip(1))
            problems.Add(new(extra.Id, null, TooManyStarts, "A flow has exactly one Start node."));
        if (!flow.Nodes.Any(n => n.Kind == FlowNodeKind.End)) problems.Add(new(null, null, NoEnd, "The flow has no End node."));
    }

    private static void CheckEdges(FlowDefinition flow, List<FlowProblem> problems)
    {
        var ids = flow.Nodes.Select(n => n.Id).ToHashSet();
        foreach (var edge in flow.Edges.Where(e => !ids.Contains(e.From) || !ids.Contains(e.To)))
            problems.Add(new(null, edge.Id, EdgeToUnknownNode, $"The edge '{edge.Id}' joins a node that does not exist."));
    }

    private static void CheckReachable(FlowDefinition flow, List<FlowProblem> problems)
    {
        var starts = flow.Nodes.Where(n => n.Kind == FlowNodeKind.Start).Select(n => n.Id);
        var reached = FlowGraphChecks.Reach(starts, id => flow.From(id).Select(e => e.To));
        foreach (var node in flow.Nodes.Where(n => n.Kind != FlowNodeKind.Start && !reached.Contains(n.Id)))
            problems.Add(new(node.Id, null, Unreachable, $"No path from Start reaches '{node.Label}'."));
    }

    private static void CheckNode(FlowDefinition flow, FlowNode node, List<FlowProblem> problems)
    {
        void Add(string code, string message) => problems.Add(new(node.Id, null, code, message));
        var ways = flow.From(node.Id).ToList();
        if (node.Kind != FlowNodeKind.End && ways.Count == 0) Add(NoWayOut, $"'{node.Label}' has no way out.");
        if (node.Kind is FlowNodeKind.Start or FlowNodeKind.Task or FlowNodeKind.Timer or FlowNodeKind.Notify
                or FlowNodeKind.ChildTicket or FlowNodeKind.ParallelJoin && ways.Count > 1)
            Add(SeveralWaysOut, $"'{node.Label}' has {ways.Count} ways out; only a Condition, a split or an approval chooses.");
        switch (node.Kind)
        {
            case FlowNodeKind.Condition:
                if (!ways.Any(e => e.IsDefault)) Add(ConditionWithoutDefault, $"'{node.Label}' has no default way out.");
                foreach (var edge in ways.Where(e => !e.IsDefault && e.When is null))
                    problems.Add(new(node.Id, edge.Id, ConditionEdgeWithoutRule, $"The edge '{edge.Id}' has neither a rule nor the default mark."));
                break;
            case FlowNodeKind.Approval:
                if (node.Levels is not { Count: > 0 }) Add(ApprovalWithoutLevels, $"'{node.Label}' has no approval levels.");
                if (!ways.Any(e => e.Outcome == ApprovalOutcome.Approved)) Add(ApprovalWithoutApproved, $"'{node.Label}' has no Approved edge.");
                if (!ways.Any(e => e.Outcome == ApprovalOutcome.Rejected)) Add(ApprovalWithoutRejected, $"'{node.Label}' has no Rejected edge.");
                break;
            case FlowNodeKind.Task when node.WaitFor is null && string.IsNullOrWhiteSpace(node.FormSection):
                Add(TaskWithoutWait, $"'{node.Label}' waits for neither a status nor a form section.");
                break;
            case FlowNodeKind.Timer when node.WaitMinutes is not > 0:
                Add(TimerWithoutMinutes, $"'{node.Label}' has no waiting time.");
                break;
            case FlowNodeKind.ChildTicket when node.Steps is not { Count: > 0 }:
                Add(ChildTicketWithoutSteps, $"'{node.Label}' has no child ticket steps.");
                break;
        }
    }
}
