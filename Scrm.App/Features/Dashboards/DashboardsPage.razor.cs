using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

public sealed partial class DashboardsPage
{
    /// <summary>At most one reload per this window, however many tickets change in it.</summary>
    public static readonly TimeSpan RefreshWindow = TimeSpan.FromSeconds(2);

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "region")] public string? Region { get; set; }
    [SupplyParameterFromQuery(Name = "city")] public string? City { get; set; }
    [SupplyParameterFromQuery(Name = "team")] public string? Team { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "priority")] public string? Priority { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    private AccessScope _scope = AccessScope.Nobody;
    private IReadOnlyList<string> _regions = [];
    private KpiFilter _filter = new(DateOnly.MinValue, DateOnly.MinValue);
    private Dictionary<string, string[]> _errors = [];
    private KpiView? _view;
    private KpiRefresh? _refresh;
    private bool _weekly;
    private bool _interactive;
    private ElementReference _map;
    private IJSObjectReference? _module;
    private DotNetObjectReference<DashboardsPage>? _self;
    private bool _rendered;
    private bool _rebuilding;
    private bool _rebuildFailed;
    private string? _rebuildMessage;

    private IReadOnlyList<string> Weekdays => Enumerable.Range(1, 7).Select(d => L["Dashboards.Weekday" + d].Value).ToList();

    private IEnumerable<string> Cities => Scrm.App.Data.Seed.ReferenceData.Cities
        .Where(c => _regions.Contains(c.Region) && (_filter.Region is null || c.Region == _filter.Region)).Select(c => c.Name);

    protected override async Task OnInitializedAsync()
    {
        _scope = await Auth.ScopeAsync();
        _regions = Scrm.Domain.Geo.Regions.All.Where(_scope.CanSeeRegion).ToList();
        if (RendererInfo.IsInteractive)
        {
            _interactive = true;
            _refresh = new KpiRefresh(Changes, RefreshWindow, () => InvokeAsync(ReloadAsync));
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var today = Clock.LocalDay(Time.GetUtcNow());
        var (filter, errors) = KpiFilter.Parse(From, To, Region, City, Team, Type, Priority, today, _scope);
        _errors = errors;
        // A hand-edited address with a bad value still shows something: the default view, with the field marked.
        _filter = filter ?? KpiFilter.Default(today);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _view = await Queries.LoadAsync(_scope, _filter);
        StateHasChanged();
        if (_rendered) await DrawMapAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive) return;
        _rendered = true;
        await DrawMapAsync();
    }

    private async Task DrawMapAsync()
    {
        if (_view is null) return;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/dashboards.js");
            _self ??= DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("drawGeo", _map, _view.Places.Select(p => new
            {
                city = p.City, lat = p.Lat, lng = p.Lng, created = p.Created, technicians = p.Technicians, load = p.Load,
            }), _self);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>The admin's "rebuild rollups": the same code as the command line, audited; refused while one is running.</summary>
    private async Task RebuildAsync()
    {
        _rebuilding = true;
        _rebuildMessage = L["Dashboards.Rebuilding"];
        _rebuildFailed = false;
        StateHasChanged();
        try
        {
            var result = await Rebuild.TryRunAsync(_scope);
            _rebuildFailed = result is null;
            _rebuildMessage = result is null
                ? L["Dashboards.RebuildBusy"]
                : L["Dashboards.Rebuilt", result.Tickets, result.DayRows, result.Took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)];
        }
        finally
        {
            _rebuilding = false;
        }
        await ReloadAsync();
    }

    [JSInvokable]
    public void DrillCity(string city) => Nav.NavigateTo(Drill(new() { ["city"] = city }));

    /// <summary>Puts the changed filter in the address; the address then drives the reload (so the view can be shared).</summary>
    private Task SetAsync(string? from = null, string? to = null, string? region = null, string? city = null, string? team = null,
        string? type = null, string? priority = null)
    {
        var q = new Dictionary<string, object?>(_filter.ToQuery().ToDictionary(p => p.Key, p => (object?)p.Value));
        void Put(string key, string? value)
        {
            if (value is not null) q[key] = value.Length == 0 ? null : value;
        }
        Put("from", from);
        Put("to", to);
        Put("region", region);
        Put("city", city);
        Put("team", team);
        Put("type", type);
        Put("priority", priority);
        // A new region may not hold the chosen city.
        if (region is not null) q["city"] = null;
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(q));
        return Task.CompletedTask;
    }

    /// <summary>The ticket list with the dashboard's filters and <paramref name="extra"/> (a tile's status, a cell's hour).</summary>
    private string Drill(Dictionary<string, string?> extra) => Nav.GetUriWithQueryParameters("/tickets", KpiDrill.Query(_filter, extra));

    private string TileHref(string key) => Drill(KpiDrill.Tile(key, _filter));

    private static bool LowerIsBetter(string key) =>
        key is "Open" or "BacklogAge" or "FirstResponse" or "Arrival" or "ResolutionMedian" or "ResolutionP90" or "Reopen" or "Cost";

    private string FormatTile(string key, double? value) => value is not { } v ? "—" : key switch
    {
        "BacklogAge" => L["Dashboards.Days", v.ToString("0.0", CultureInfo.InvariantCulture)],
        "FirstResponse" or "Arrival" or "ResolutionMedian" or "ResolutionP90" => Minutes(v),
        "SlaCompliance" or "FirstTimeFix" or "Reopen" => Percent(v),
        "Csat" => v.ToString("0.0", CultureInfo.InvariantCulture),
        "Revenue" or "Cost" or "Margin" => Money((long)v),
        _ => v.ToString("N0", CultureInfo.InvariantCulture),
    };

    private string Minutes(double minutes) => minutes < 120
        ? L["Dashboards.Minutes", minutes.ToString("0", CultureInfo.InvariantCulture)]
        : L["Dashboards.Hours", (minutes / 60).ToString("0.0", CultureInfo.InvariantCulture)];

    private static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Money(long fen) => "¥" + (fen / 100.0).ToString("N0", CultureInfo.InvariantCulture);

    private string[] TrendLabels(KpiView view) => Buckets(view).Select(b => b.Label).ToArray();

    private List<ChartSeries<double>> TrendSeries(KpiView view)
    {
        var buckets = Buckets(view);
        return
        [
            new() { Name = L["Dashboards.Tile.New"], Data = new ChartData<double>(buckets.Select(b => (double)b.Created).ToList()) },
            new() { Name = L["Dashboards.Tile.Closed"], Data = new ChartData<double>(buckets.Select(b => (double)b.Closed).ToList()) },
        ];
    }

    private List<ChartSeries<double>> RegionSeries(KpiView view) =>
    [
        new() { Name = L["Dashboards.Tile.New"], Data = new ChartData<double>(view.Regions.Select(r => (double)r.Created).ToList()) },
        new() { Name = L["Dashboards.Tile.Closed"], Data = new ChartData<double>(view.Regions.Select(r => (double)r.Closed).ToList()) },
    ];

    private sealed record TrendBucket(string Label, long Created, long Closed);

    // Labels thinned so that a 90-day axis stays readable: every 7th day, or each week's Monday.
    private List<TrendBucket> Buckets(KpiView view)
    {
        if (!_weekly)
        {
            var step = Math.Max(1, view.Trend.Count / 12);
            return view.Trend.Select((p, i) => new TrendBucket(i % step == 0 ? p.Day.ToString("MM-dd", CultureInfo.InvariantCulture) : "", p.Created, p.Closed)).ToList();
        }
        return view.Trend.GroupBy(p => p.Day.AddDays(-(((int)p.Day.DayOfWeek + 6) % 7)))
            .Select(g => new TrendBucket(g.Key.ToString("MM-dd", CultureInfo.InvariantCulture), g.Sum(p => p.Created), g.Sum(p => p.Closed))).ToList();
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Err(string field) => _errors.TryGetValue(field, out var codes) ? L["Error." + codes[0]].Value : null;

    private async Task ExportAsync()
    {
        if (_view is null) return;
        var bytes = Export.Workbook(_view, key => L[key]);
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/dashboards.js");
        await _module.InvokeVoidAsync("download", $"kpi-{_filter.From:yyyyMMdd}-{_filter.To:yyyyMMdd}.xlsx", Convert.ToBase64String(bytes));
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");

    public async ValueTask DisposeAsync()
    {
        _refresh?.Dispose();
        if (_module is not null && _rendered)
        {
            try
            {
                await _module.InvokeVoidAsync("dispose", _map);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
        _self?.Dispose();
    }
}
