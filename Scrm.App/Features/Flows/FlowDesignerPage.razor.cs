using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Designer;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows;

public sealed partial class FlowDesignerPage
{
    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    private readonly BlazorDiagram _diagram = FlowDrawing.NewDiagram();
    private AccessScope _scope = AccessScope.Nobody;
    private IReadOnlyList<FlowTemplateRow>? _rows;
    private string? _refusal;
    private bool _busy;
    private readonly OneAtATime _work = new();

    private string? _key;
    private FlowTemplate? _flow;
    private IReadOnlyList<FlowVersionRow> _history = [];
    /// <summary>The version on the canvas.</summary>
    private int? _showing;
    private bool _mayEdit;
    /// <summary>Nothing on the canvas may change: a flow this user may not edit, or an old version.</summary>
    private bool _readOnly;
    private bool _dirty;
    // Drawing a loaded flow raises the diagram's events too; they are not edits.
    private bool _drawing;
    private FlowNodeKind? _dragging;
    private FlowNodeModel? _selectedNode;
    private FlowLinkModel? _selectedLink;
    private IReadOnlyList<FlowProblem> _problems = [];
    private IReadOnlyList<FlowProblem>? _refused;

    /// <summary>"" for the head office (Admins), then the regions this user may make flows for.</summary>
    private IReadOnlyList<string> CreatableRegions =>
        (FlowAccess.MayEdit(_scope, null) ? new[] { "" } : []).Concat(Regions.All.Where(r => FlowAccess.MayEdit(_scope, r))).ToList();

    private string StateText
    {
        get
        {
            var published = _flow?.Published is { } p ? L["FormDesigner.PublishedVersion", p.Number].Value : L["FormDesigner.NotPublished"].Value;
            var draft = _flow?.Draft is { } d ? " · " + L["FormDesigner.DraftVersion", d.Number] : "";
            return published + draft + (_dirty ? " · " + L["FormDesigner.Unsaved"] : "");
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _diagram.SelectionChanged += Selected;
        _diagram.Links.Added += LinkAdded;
        _diagram.Links.Removed += _ => Edited();
        _diagram.Nodes.Added += node => node.Moved += _ => Moved();
        _diagram.Nodes.Removed += _ => Edited();
        _diagram.Options.Constraints.ShouldDeleteNode = _ => ValueTask.FromResult(!_readOnly);
        _diagram.Options.Constraints.ShouldDeleteLink = _ => ValueTask.FromResult(!_readOnly);
        _scope = await Auth.ScopeAsync();
        await LoadListAsync();
    }

    private async Task LoadListAsync()
    {
        try
        {
            _rows = await Flows.ListAsync(_scope);
        }
        catch (Exception e) when (ErrorMessages.IsRefusal(e))
        {
            _rows = [];
            _refusal = Errors.For(e);
        }
    }

    /// <summary>Opens a flow on its draft (else its published version), or <paramref name="number"/> read-only.</summary>
    /// <summary>Moves running tickets to a newer version (Admin): the dialog plans, shows what cannot move, then moves.</summary>
    private async Task OpenMigrationAsync()
    {
        if (_flow is null) return;
        var parameters = new DialogParameters<Runtime.FlowMigrationDialog> { { d => d.FlowKey, _flow.Key }, { d => d.Scope, _scope } };
        await Dialogs.ShowAsync<Runtime.FlowMigrationDialog>(L["FlowMigration.Title"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }

    private async Task OpenAsync(string key, int? number)
    {
        _busy = true;
        try
        {
            var flow = await Flows.GetAsync(_scope, key);
            var current = flow.Draft ?? flow.Published ?? flow.Versions.LastOrDefault();
            var version = number is { } n ? flow.VersionNumbered(n) : current;
            (_key, _flow, _showing) = (key, flow, version?.Number);
            _history = flow.Versions.OrderByDescending(v => v.Number).Select(FlowVersionRow.Of).ToList();
            _mayEdit = FlowAccess.MayEdit(_scope, flow.Region);
            _readOnly = !_mayEdit || version != current;
            Draw(version?.Definition ?? FlowTemplates.Starter());
        }
        catch (Exception e) when (ErrorMessages.IsRefusal(e))
        {
            Snackbar.Add(Errors.For(e), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Draw(FlowDefinition definition)
    {
        _drawing = true;
        try
        {
            (_selectedNode, _selectedLink, _refused, _dirty) = (null, null, null, false);
            FlowDrawing.Draw(_diagram, definition);
            foreach (var model in _diagram.Nodes.Concat<Model>(_diagram.Links).Concat(_diagram.Nodes.SelectMany(n => n.Ports)))
                model.Locked = _readOnly;
            foreach (var link in _diagram.Links.OfType<FlowLinkModel>()) link.ShowText(L.EdgeText(link.Edge));
            Recompute();
            ClearOverlays();
        }
        finally
        {
            _drawing = false;
        }
    }

    private async Task<bool> CreateAsync(NewFlowForm.Request request)
    {
        _busy = true;
        try
        {
            var created = await Errors.TryAsync(() => Flows.CreateAsync(_scope, request.Key, request.Name, null, request.Type, request.Region));
            if (created is null) return false;
            Snackbar.Add(L["FlowDesigner.Created", created.Key], Severity.Success);
            await LoadListAsync();
            await OpenAsync(created.Key, null);
            return true;
        }
        finally
        {
            _busy = false;
            // Called through a Func from the form, not an EventCallback, so the page renders itself.
            StateHasChanged();
        }
    }

    private Task<bool> SaveAsync() => _work.RunAsync(() => SaveDraftAsync(announce: true));

    private async Task<bool> SaveDraftAsync(bool announce)
    {
        if (_flow is null) return false;
        _busy = true;
        try
        {
            var saved = await Errors.TryAsync(() => Flows.SaveDraftAsync(_scope, _flow.Key, Current(), _flow.Version));
            if (saved is null) return false;
            Opened(saved);
            if (announce) Snackbar.Add(L["FormDesigner.Saved", saved.Draft?.Number ?? 0], Severity.Success);
            await LoadListAsync();
            return true;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task PublishAsync() => _work.RunAsync(PublishInTurnAsync);

    /// <summary>Saves what is on screen first, so that what is published is exactly what the designer shows.</summary>
    private async Task PublishInTurnAsync()
    {
        // Pressed twice, or after a save that left nothing new: the second turn finds nothing to publish.
        if (_flow is null || _flow.Draft is null && !_dirty) return;
        if (_dirty && !await SaveDraftAsync(announce: false)) return;
        _busy = true;
        try
        {
            Opened(await Flows.PublishAsync(_scope, _flow.Key, _flow.Version));
            Snackbar.Add(L["FormDesigner.Published", _flow.Published?.Number ?? 0], Severity.Success);
        }
        catch (DomainRuleException e) when (e.Code == "Flow.CannotPublish")
        {
            _refused = FlowValidator.Validate(Current());
            Snackbar.Add(Errors.For(e), Severity.Error);
        }
        catch (Exception e) when (ErrorMessages.IsRefusal(e))
        {
            Snackbar.Add(Errors.For(e), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadListAsync();
    }

    /// <summary>The flow as saved or published: what is on the canvas stays, the state and history follow.</summary>
    private void Opened(FlowTemplate flow)
    {
        _flow = flow;
        _history = flow.Versions.OrderByDescending(v => v.Number).Select(FlowVersionRow.Of).ToList();
        _showing = (flow.Draft ?? flow.Published)?.Number;
        _dirty = false;
        _refused = null;
    }

    private FlowDefinition Current() => FlowDrawing.Read(_diagram, _flow?.Draft?.Definition ?? new FlowDefinition());

    // ---- editing on the canvas ----

    private void Drop(Point at)
    {
        if (_dragging is { } kind && !_readOnly) Add(kind, at);
        _dragging = null;
    }

    /// <summary>The click-to-add fallback: the next free place in rows of five.</summary>
    private void AddAtFreeSpot(FlowNodeKind kind)
    {
        var count = _diagram.Nodes.Count;
        Add(kind, new Point(60 + count % 5 * 180, 300 + count / 5 * 120));
    }

    private void Add(FlowNodeKind kind, Point at)
    {
        var node = _diagram.Nodes.Add(new FlowNodeModel(NewNode(kind) with { X = at.X, Y = at.Y }));
        _diagram.SelectModel(node, unselectOthers: true);
        Edited();
    }

    private FlowNode NewNode(FlowNodeKind kind)
    {
        var prefix = kind.ToString().ToLowerInvariant();
        var taken = _diagram.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (taken.Contains($"{prefix}-{n}")) n++;
        var node = new FlowNode { Id = $"{prefix}-{n}", Kind = kind, Label = L.KindName(kind) };
        return kind switch
        {
            FlowNodeKind.Task => node with { Assignee = AssigneeRule.TicketAssignee, WaitFor = TicketStatus.Resolved },
            FlowNodeKind.Approval => node with { Levels = [new ApprovalLevel(AppRoles.Manager)] },
            FlowNodeKind.Timer => node with { WaitMinutes = 30 },
            FlowNodeKind.Notify => node with { NotifyRole = "Customer", Message = L["FlowDesigner.DefaultMessage"] },
            _ => node,
        };
    }

    private void ChangeNode(FlowNode node)
    {
        if (_selectedNode is null || _readOnly) return;
        _selectedNode.Node = node;
        _selectedNode.Refresh();
        Edited();
    }

    private void ChangeEdge(FlowEdge edge)
    {
        if (_selectedLink is null || _readOnly) return;
        _selectedLink.Edge = edge;
        _selectedLink.ShowText(L.EdgeText(edge));
        Edited();
    }

    private void RemoveSelected()
    {
        if (_readOnly) return;
        if (_selectedNode is { } node) _diagram.Nodes.Remove(node);
        else if (_selectedLink is { } link) _diagram.Links.Remove(link);
        (_selectedNode, _selectedLink) = (null, null);
    }

    private FlowNodeKind? FromKind(FlowLinkModel link) =>
        _diagram.Nodes.OfType<FlowNodeModel>().FirstOrDefault(n => n.Id == link.FromNodeId)?.Node.Kind;

    // ---- the diagram's events ----

    private void Selected(SelectableModel model)
    {
        if (model.Selected)
            (_selectedNode, _selectedLink) = (model as FlowNodeModel, model as FlowLinkModel);
        else if (ReferenceEquals(model, _selectedNode) || ReferenceEquals(model, _selectedLink))
            (_selectedNode, _selectedLink) = (null, null);
        _ = InvokeAsync(StateHasChanged);
    }

    private void LinkAdded(BaseLinkModel link)
    {
        // A link dragged from a port is an edge once it reaches another port; one left in the air is dropped by the diagram.
        link.TargetAttached += _ => Edited();
        Edited();
    }

    private void Moved()
    {
        if (_drawing || _readOnly) return;
        _dirty = true;
        _ = InvokeAsync(StateHasChanged);
    }

    private void Edited()
    {
        if (_drawing) return;
        _dirty = true;
        _refused = null;
        Recompute();
        _ = InvokeAsync(StateHasChanged);
    }

    /// <summary>The live problem list, and each node's own problems on the canvas.</summary>
    private void Recompute()
    {
        _problems = FlowValidator.Validate(Current());
        foreach (var node in _diagram.Nodes.OfType<FlowNodeModel>())
        {
            node.Problems = _problems.Where(p => p.NodeId == node.Id).Select(p => L.Problem(p)).ToList();
            node.Refresh();
        }
    }

    private string ProblemText(FlowProblem problem)
    {
        var node = problem.NodeId is { } id ? _diagram.Nodes.OfType<FlowNodeModel>().FirstOrDefault(n => n.Id == id) : null;
        return node is null ? L.Problem(problem) : L["FormDesigner.ProblemOf", FlowTexts.Label(node.Node), L.Problem(problem)];
    }

    private string RowMeta(FlowTemplateRow row)
    {
        var where = row.Region is null ? L["FormDesigner.HeadOffice"].Value : L["Region." + row.Region].Value;
        var published = row.Published is { } p ? L["FormDesigner.PublishedVersion", p.Number].Value : L["FormDesigner.NotPublished"].Value;
        return $"{L["Type." + row.TicketType]} · {where} · {published}" + (row.Draft is not null ? " · " + L["FormDesigner.HasDraft"] : "");
    }

    public void Dispose() => _diagram.SelectionChanged -= Selected;
}
