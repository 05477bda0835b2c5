using Blazor.Diagrams;
using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Options;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Designer;

/// <summary>
/// A flow definition drawn as a diagram and read back: nodes at their X/Y with their properties, edges as links
/// from the source's out port to the target's in port with theirs.
/// </summary>
public static class FlowDrawing
{
    public static BlazorDiagram NewDiagram()
    {
        var options = new BlazorDiagramOptions { AllowMultiSelection = false, GridSize = 20 };
        // Wheel zoom and the canvas's 适应画布 button: a flow of eight steps is wider than the canvas on a laptop.
        options.Zoom.Minimum = 0.3;
        options.Zoom.Maximum = 1.5;
        options.Links.Factory = (_, source, target) => source is PortModel port ? new FlowLinkModel(new SinglePortAnchor(port), target) : null;
        var diagram = new BlazorDiagram(options);
        diagram.RegisterComponent<FlowNodeModel, FlowNodeWidget>();
        return diagram;
    }

    /// <summary>Replaces what <paramref name="diagram"/> shows with <paramref name="flow"/>; an edge to an unknown node is left out.</summary>
    public static void Draw(Diagram diagram, FlowDefinition flow)
    {
        diagram.Batch(() =>
        {
            diagram.Links.Clear();
            diagram.Nodes.Clear();
            var nodes = flow.Nodes.ToDictionary(n => n.Id, n => diagram.Nodes.Add(new FlowNodeModel(n)), StringComparer.Ordinal);
            foreach (var edge in flow.Edges)
            {
                var from = nodes.GetValueOrDefault(edge.From)?.GetPort(PortAlignment.Right);
                var to = nodes.GetValueOrDefault(edge.To)?.GetPort(PortAlignment.Left);
                if (from is not null && to is not null) diagram.Links.Add(new FlowLinkModel(edge.Id, from, to, edge));
            }
        });
    }

    /// <summary>The flow as drawn: <paramref name="basis"/>'s key and name with the diagram's nodes and finished links.</summary>
    public static FlowDefinition Read(Diagram diagram, FlowDefinition basis) => basis with
    {
        Nodes = diagram.Nodes.OfType<FlowNodeModel>().Select(n => n.Current).ToList(),
        Edges = diagram.Links.OfType<FlowLinkModel>()
            .Where(l => l.FromNodeId is not null && l.ToNodeId is not null)
            .Select(l => l.Edge with { Id = l.Id, From = l.FromNodeId!, To = l.ToNodeId! })
            .ToList(),
    };
}
