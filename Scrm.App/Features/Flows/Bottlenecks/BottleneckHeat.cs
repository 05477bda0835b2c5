using System.Globalization;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Bottlenecks;

/// <summary>What the overlay puts on a node: the figures and how hot they are (0 green … 1 red).</summary>
public sealed record NodeLoad(NodeBottleneck Figures, double Heat, bool AgainstLimit)
{
    public string Colour => BottleneckHeat.Colour(Heat);
}

/// <summary>
/// Colours nodes by their p90 stay: against the node's own time limit when it has one (reaching the limit is red),
/// otherwise against the slowest node of the flow.
/// </summary>
public static class BottleneckHeat
{
    public static IReadOnlyDictionary<string, NodeLoad> Of(FlowDefinition flow, IReadOnlyList<NodeBottleneck> rows)
    {
        var slowest = rows.Max(r => r.P90) ?? TimeSpan.Zero;
        return rows.ToDictionary(r => r.NodeId, r => Load(flow.Node(r.NodeId), r, slowest), StringComparer.Ordinal);
    }

    private static NodeLoad Load(FlowNode? node, NodeBottleneck row, TimeSpan slowest)
    {
        var limit = node?.TimeLimitMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var against = limit ?? slowest;
        var heat = row.P90 is { } p90 && against > TimeSpan.Zero ? Math.Clamp(p90 / against, 0, 1) : 0;
        return new NodeLoad(row, heat, limit is not null);
    }

    /// <summary>Green (hue 120) through yellow to red (hue 0).</summary>
    public static string Colour(double heat) =>
        string.Create(CultureInfo.InvariantCulture, $"hsl({Math.Round(120 * (1 - Math.Clamp(heat, 0, 1)))}, 70%, 42%)");
}
