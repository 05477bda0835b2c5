using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Sandbox;

/// <summary>
/// Which edges a run took. The engine records nodes, not edges; leaving a node, though, chooses its ways out the
/// same way every time (a condition's first holding rule, an approval's outcome, a split's every edge, otherwise the
/// first edge), so the edges follow from the nodes left and the facts at that moment.
/// </summary>
public static class SandboxPaths
{
    public static IEnumerable<string> EdgesTaken(FlowDefinition flow, IEnumerable<FlowEffect> effects, FlowFacts facts) =>
        effects.OfType<NodeLeft>().SelectMany(left => WaysOut(flow, left.NodeId, left.Outcome, facts));

    /// <summary>The edges of a path already walked (a real ticket's state loaded into the sandbox).</summary>
    public static IEnumerable<string> EdgesTaken(FlowDefinition flow, IEnumerable<PathStep> path, FlowFacts facts) =>
        path.Where(s => s.LeftAt is not null).SelectMany(s => WaysOut(flow, s.NodeId, s.Outcome, facts));

    private static IEnumerable<string> WaysOut(FlowDefinition flow, string nodeId, string? outcome, FlowFacts facts)
    {
        var node = flow.Node(nodeId);
        var ways = flow.From(nodeId).ToList();
        if (node is null || ways.Count == 0) return [];
        return node.Kind switch
        {
            FlowNodeKind.End => [],
            FlowNodeKind.ParallelSplit => ways.Select(e => e.Id),
            FlowNodeKind.Condition => Branch(ways, facts),
            FlowNodeKind.Approval => ways.Where(e => e.Outcome?.ToString() == outcome).Take(1).Select(e => e.Id),
            _ => [ways[0].Id],
        };
    }

    private static IEnumerable<string> Branch(List<FlowEdge> ways, FlowFacts facts)
    {
        var taken = ways.FirstOrDefault(e => !e.IsDefault && e.When is not null && FlowRules.Holds(e.When, facts))
            ?? ways.FirstOrDefault(e => e.IsDefault);
        return taken is null ? [] : [taken.Id];
    }
}
