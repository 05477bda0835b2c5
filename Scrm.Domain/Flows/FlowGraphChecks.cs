using static Scrm.Domain.Flows.FlowProblemCodes;

namespace Scrm.Domain.Flows;

/// <summary>The validator's checks that walk the graph: joins against splits, and loops against waiting nodes.</summary>
internal static class FlowGraphChecks
{
    public static HashSet<string> Reach(IEnumerable<string> from, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(from);
        while (todo.TryPop(out var id))
            if (seen.Add(id))
                foreach (var other in next(id)) todo.Push(other);
        return seen;
    }

    /// <summary>A join needs a ParallelSplit that lies upstream of every one of its incoming edges.</summary>
    public static void CheckJoins(FlowDefinition flow, List<FlowProblem> problems)
    {
        var splits = flow.Nodes.Where(n => n.Kind == FlowNodeKind.ParallelSplit).Select(n => n.Id).ToHashSet();
        foreach (var join in flow.Nodes.Where(n => n.Kind == FlowNodeKind.ParallelJoin))
        {
            var common = new HashSet<string>(splits);
            foreach (var edge in flow.To(join.Id))
                common.IntersectWith(Reach([edge.From], id => flow.To(id).Select(e => e.From)));
            if (common.Count == 0)
                problems.Add(new(join.Id, null, JoinWithoutSplit, $"'{join.Label}' waits for branches that no parallel split starts."));
        }
    }

    /// <summary>
    /// A cycle through Condition, Notify, Split, Join (nodes that do not wait) would spin without end; every loop
    /// needs a Task, Approval, Timer or ChildTicket. Each node on such a cycle is reported, so the canvas marks the loop.
    /// </summary>
    public static void CheckLoops(FlowDefinition flow, List<FlowProblem> problems)
    {
        var passing = flow.Nodes.Where(n => !Waits(n.Kind)).Select(n => n.Id).ToHashSet();
        IEnumerable<string> Next(string id) => flow.From(id).Select(e => e.To).Where(passing.Contains);
        foreach (var node in flow.Nodes.Where(n => passing.Contains(n.Id)))
            if (Reach(Next(node.Id), Next).Contains(node.Id))
                problems.Add(new(node.Id, null, LoopWithoutWait, $"'{node.Label}' lies on a loop with nothing to wait for."));
    }

    private static bool Waits(FlowNodeKind kind) =>
        kind is FlowNodeKind.Task or FlowNodeKind.Approval or FlowNodeKind.Timer or FlowNodeKind.ChildTicket;
}
