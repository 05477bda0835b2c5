namespace Scrm.Domain.Flows;

/// <summary>Something about a flow that keeps it from being published, tied to a node or edge when it is about one.</summary>
public sealed record FlowProblem(string? NodeId, string? EdgeId, string Code, string Message);

/// <summary>
/// PLACEHOLDER so that the designer branch compiles: the real validator (engine branch) replaces this file at merge.
/// It checks only one Start, at least one End, edges to unknown nodes and unreachable nodes.
/// </summary>
public static class FlowValidator
{
    public static IReadOnlyList<FlowProblem> Validate(FlowDefinition flow)
    {
        var problems = new List<FlowProblem>();
        var starts = flow.Nodes.Where(n => n.Kind == FlowNodeKind.Start).ToList();
        if (starts.Count != 1) problems.Add(new(null, null, "Flow.NoStart", "A flow has exactly one Start."));
        if (!flow.Nodes.Any(n => n.Kind == FlowNodeKind.End)) problems.Add(new(null, null, "Flow.NoEnd", "A flow has at least one End."));
        var ids = flow.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var edge in flow.Edges.Where(e => !ids.Contains(e.From) || !ids.Contains(e.To)))
            problems.Add(new(null, edge.Id, "Flow.UnknownNode", $"Edge {edge.Id} joins a node the flow does not have."));
        if (starts.Count == 1)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal) { starts[0].Id };
            var queue = new Queue<string>(reached);
            while (queue.TryDequeue(out var id))
                foreach (var next in flow.From(id).Select(e => e.To).Where(reached.Add))
                    queue.Enqueue(next);
            foreach (var node in flow.Nodes.Where(n => !reached.Contains(n.Id)))
                problems.Add(new(node.Id, null, "Flow.Unreachable", $"Node {node.Id} cannot be reached from Start."));
        }
        return problems;
    }
}
