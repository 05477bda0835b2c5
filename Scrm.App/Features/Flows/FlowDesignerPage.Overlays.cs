using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scrm.App.Components.Shared;
using Scrm.App.Features.Flows.Bottlenecks;
using Scrm.App.Features.Flows.Designer;
using Scrm.App.Features.Flows.Sandbox;

namespace Scrm.App.Features.Flows;

/// <summary>The designer's two overlays on the canvas: the sandbox's run and the published version's bottlenecks.</summary>
public sealed partial class FlowDesignerPage
{
    private const string TraversedColour = "#2e7d32";

    [Inject] private FlowBottlenecks Bottlenecks { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private bool _sandboxOpen;
    private bool _overlayOn;
    private int _overlayDays = 30;

    private void ToggleSandbox()
    {
        _sandboxOpen = !_sandboxOpen;
        if (!_sandboxOpen) MarkRun(null);
    }

    /// <summary>Visited nodes and the edges taken in one colour, the nodes waiting now in another.</summary>
    private void MarkRun(FlowSandbox? run)
    {
        var active = run?.ActiveNodes ?? new HashSet<string>();
        var visited = run?.VisitedNodes ?? new HashSet<string>();
        foreach (var node in _diagram.Nodes.OfType<FlowNodeModel>())
        {
            node.Mark = active.Contains(node.Id) ? SandboxMark.Active : visited.Contains(node.Id) ? SandboxMark.Visited : SandboxMark.None;
            node.Refresh();
        }
        foreach (var link in _diagram.Links.OfType<FlowLinkModel>())
        {
            var taken = run?.TraversedEdges.Contains(link.Id) == true;
            (link.Color, link.Width) = (taken ? TraversedColour : null, taken ? 4 : 2);
            link.Refresh();
        }
    }

    private async Task ToggleOverlayAsync(bool on)
    {
        _overlayOn = on;
        await ShowLoadAsync();
    }

    private async Task ChangeOverlayDaysAsync(int days)
    {
        _overlayDays = days;
        await ShowLoadAsync();
    }

    /// <summary>The published version's figures on the nodes it shares with the canvas; nodes it lacks show none.</summary>
    private async Task ShowLoadAsync()
    {
        IReadOnlyDictionary<string, NodeLoad> loads = new Dictionary<string, NodeLoad>();
        if (_overlayOn && _flow?.Published is { } published)
        {
            var now = Clock.GetUtcNow();
            try
            {
                var rows = await Bottlenecks.ForAsync(_scope, _flow.Key, published.Number, now.AddDays(-_overlayDays), now);
                var idle = published.Definition.Nodes.Where(n => rows.All(r => r.NodeId != n.Id)).Select(n => new NodeBottleneck(n.Id, 0, 0, null, null));
                loads = BottleneckHeat.Of(published.Definition, [.. rows, .. idle]);
            }
            catch (Exception e) when (ErrorMessages.IsRefusal(e))
            {
                _overlayOn = false;
                Snackbar.Add(Errors.For(e), Severity.Error);
            }
        }
        foreach (var node in _diagram.Nodes.OfType<FlowNodeModel>())
        {
            node.Load = loads.GetValueOrDefault(node.Id);
            node.Refresh();
        }
    }

    /// <summary>A newly drawn flow starts without a run or figures on it.</summary>
    private void ClearOverlays()
    {
        _overlayOn = false;
        foreach (var node in _diagram.Nodes.OfType<FlowNodeModel>()) node.Load = null;
    }
}
