using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using Scrm.App.Components.Shared;

namespace Scrm.App.Features.Dispatch.Map;

/// <summary>
/// The control room's live map: technicians by status, open tickets as pins, the selected ticket's ranked candidates
/// with lines to them, an optional radius, a technician's trail today, and tickets dropped on technicians. Positions
/// move live from <see cref="PositionFeed"/>, coalesced per technician and sent at most every <see cref="SendInterval"/>,
/// one batch in flight at a time, so a busy fleet never queues work for the browser.
/// </summary>
public sealed partial class DispatchMap
{
    public const string ModulePath = "./js/dispatch-map.js";

    /// <summary>How often live positions go to the browser at most.</summary>
    public static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(250);

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private PositionFeed Positions { get; set; } = default!;
    [Inject] private ControlRoomQueries Queries { get; set; } = default!;
    [Inject] private IConfiguration Configuration { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<DispatchMap> Log { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    /// <summary>Technicians and open tickets; the page reloads it when tickets change.</summary>
    [Parameter] public ControlRoomSnapshot? Snapshot { get; set; }

    [Parameter] public long? SelectedTicketId { get; set; }

    /// <summary>The selected ticket's candidates, best first: drawn emphasised with their rank, a line from the ticket to each.</summary>
    [Parameter] public IReadOnlyList<long> HighlightedTechnicianIds { get; set; } = [];

    /// <summary>With a selected ticket: a circle of this radius around it, and only the technicians inside (candidates always).</summary>
    [Parameter] public double? WithinKm { get; set; }

    [Parameter] public EventCallback<long> TicketClicked { get; set; }
    [Parameter] public EventCallback<long> TechnicianClicked { get; set; }

    /// <summary>A queue row (<c>draggable="true" data-ticket-id="…"</c>) dropped on a technician's marker.</summary>
    [Parameter] public EventCallback<(long TicketId, long TechnicianId)> TicketDroppedOnTechnician { get; set; }

    private readonly Lock _gate = new();
    private readonly Dictionary<long, PositionUpdate> _pending = [];
    private readonly CancellationTokenSource _disposed = new();
    private bool _sendScheduled;
    private long _lastSentAt;

    // Touched on the renderer's context only.
    private readonly Dictionary<long, PositionUpdate> _live = [];
    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private DotNetObjectReference<DispatchMap>? _self;
    private IDisposable? _subscription;
    private bool _rendered;
    private bool _ready;
    private bool _failed;
    private bool _sceneStale = true;
    private bool _fitPending = true;
    private bool _fitted;
    private ControlRoomSnapshot? _shownSnapshot;
    private long? _shownTicketId;
    private double? _shownWithinKm;
    private IReadOnlyList<long> _shownCandidates = [];
    private HashSet<long> _shownTechnicians = [];
    private MapCircle? _circle;
    private (long Id, string Name, int Points)? _trail;

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive) _subscription = Positions.Subscribe(OnPositions);
    }

    protected override void OnParametersSet()
    {
        var selectionChanged = SelectedTicketId != _shownTicketId || WithinKm != _shownWithinKm
                               || !HighlightedTechnicianIds.SequenceEqual(_shownCandidates);
        if (selectionChanged || !ReferenceEquals(Snapshot, _shownSnapshot)) _sceneStale = true;
        if (selectionChanged) _fitPending = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _rendered = true;
        if (firstRender)
        {
            try
            {
                _self = DotNetObjectReference.Create(this);
                _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
                var tiles = Configuration["Dispatch:TileUrl"];
                await _module.InvokeVoidAsync("create", _canvas, _self, new MapOptions(
                    string.IsNullOrWhiteSpace(tiles) ? null : tiles, Configuration["Dispatch:TileAttribution"],
                    new MapTexts(L["Technician.Status"], L["Technician.Load"], L["Ticket.Customer"], L["Ticket.Priority"], L["Map.Assignee"], L["Map.Rank"])));
            }
            catch (JSException e)
            {
                Log.LogWarning(e, "The dispatch map could not start in the browser");
                _failed = true;
                StateHasChanged();
                return;
            }
            _ready = true;
            StateHasChanged();
        }
        if (_ready && _sceneStale) await SendSceneAsync();
    }

    private async Task SendSceneAsync()
    {
        // Centre once there is something to show, and again whenever the selection changes.
        var anything = Snapshot is { Technicians.Count: > 0 } or { Tickets.Count: > 0 };
        var fit = anything && (_fitPending || !_fitted);
        var scene = MapScenes.Build(Snapshot, SelectedTicketId, HighlightedTechnicianIds, WithinKm, _live, L, fit);
        // A copy: the page may change its list in place.
        (_shownSnapshot, _shownTicketId, _shownWithinKm, _shownCandidates) = (Snapshot, SelectedTicketId, WithinKm, [.. HighlightedTechnicianIds]);
        _shownTechnicians = scene.Technicians.Select(t => t.Id).ToHashSet();
        _sceneStale = false;
        if (fit) (_fitPending, _fitted) = (false, true);
        var circleChanged = _circle != scene.Circle;
        _circle = scene.Circle;
        await _module!.InvokeVoidAsync("render", _canvas, scene);
        if (circleChanged) StateHasChanged();
    }

    // Called on the ingesting request's thread: only note the newest fix per technician and make sure a send is coming.
    private Task OnPositions(IReadOnlyList<PositionUpdate> updates)
    {
        lock (_gate)
        {
            foreach (var update in updates)
                if (!_pending.TryGetValue(update.TechnicianId, out var known) || known.At < update.At)
                    _pending[update.TechnicianId] = update;
            if (_sendScheduled) return Task.CompletedTask;
            _sendScheduled = true;
        }
        _ = SendSoonAsync();
        return Task.CompletedTask;
    }

    private async Task SendSoonAsync()
    {
        try
        {
            var wait = SendInterval - Time.GetElapsedTime(Interlocked.Read(ref _lastSentAt));
            if (wait > TimeSpan.Zero) await Task.Delay(wait, Time, _disposed.Token);
            await InvokeAsync(SendMovesAsync);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or JSDisconnectedException)
        {
            // The map is going away.
        }
        catch (Exception e)
        {
            Log.LogWarning(e, "Sending live positions to the dispatch map failed");
        }
    }

    private async Task SendMovesAsync()
    {
        PositionUpdate[] batch;
        lock (_gate)
        {
            batch = [.. _pending.Values];
            _pending.Clear();
        }
        Interlocked.Exchange(ref _lastSentAt, Time.GetTimestamp());
        try
        {
            await ApplyMovesAsync(batch);
        }
        finally
        {
            // The next batch waits for this one: while the browser is busy, moves pile up as one newest fix each.
            bool again;
            lock (_gate)
            {
                again = _pending.Count > 0 && !_disposed.IsCancellationRequested;
                _sendScheduled = again;
            }
            if (again) _ = SendSoonAsync();
        }
    }

    private async Task ApplyMovesAsync(PositionUpdate[] batch)
    {
        var moves = new List<MarkerMove>(batch.Length);
        var membershipChanged = false;
        foreach (var update in batch)
        {
            if (_live.TryGetValue(update.TechnicianId, out var known) && known.At >= update.At) continue;
            _live[update.TechnicianId] = update;
            if (_circle is not null && !_shownCandidates.Contains(update.TechnicianId)
                && MapScenes.IsInside(_circle, update.Lat, update.Lng) != _shownTechnicians.Contains(update.TechnicianId))
                membershipChanged = true;
            else if (_shownTechnicians.Contains(update.TechnicianId))
                moves.Add(new MarkerMove(update.TechnicianId, update.Lat, update.Lng, update.At.ToUnixTimeMilliseconds()));
        }
        if (!_ready) return;
        // Someone crossed the circle's edge: draw the technicians again (the moves are in the new scene).
        if (membershipChanged) await SendSceneAsync();
        else if (moves.Count > 0) await _module!.InvokeVoidAsync("move", _canvas, moves);
    }

    [JSInvokable]
    public Task MapTicketClicked(long ticketId) => TicketClicked.InvokeAsync(ticketId);

    [JSInvokable]
    public async Task MapTechnicianClicked(long technicianId)
    {
        await TechnicianClicked.InvokeAsync(technicianId);
        await ShowTrailAsync(technicianId);
    }

    [JSInvokable]
    public Task MapTicketDropped(long ticketId, long technicianId) =>
        TicketDroppedOnTechnician.InvokeAsync((ticketId, technicianId));

    private async Task ShowTrailAsync(long technicianId)
    {
        var technician = Snapshot?.Technicians.FirstOrDefault(t => t.Id == technicianId);
        if (technician is null || _module is null) return;
        var points = await Queries.TrailTodayAsync(await Auth.ScopeAsync(), technicianId, _disposed.Token);
        _trail = (technicianId, technician.Name, points.Count);
        await _module.InvokeVoidAsync("trail", _canvas, technicianId, points.Select(p => new[] { p.Lat, p.Lng }));
        StateHasChanged();
    }

    private async Task HideTrailAsync()
    {
        _trail = null;
        if (_module is not null) await _module.InvokeVoidAsync("trail", _canvas, null, Array.Empty<double[]>());
    }

    public async ValueTask DisposeAsync()
    {
        _ready = false;
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        try
        {
            // Before the first render (prerendering) there is no browser side to clean up.
            if (_rendered && _module is not null)
            {
                await _module.InvokeVoidAsync("dispose", _canvas);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the map.
        }
        _self?.Dispose();
        _disposed.Dispose();
    }
}
