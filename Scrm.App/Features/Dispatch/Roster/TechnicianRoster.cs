using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;

namespace Scrm.App.Features.Dispatch.Roster;

/// <summary>
/// Every region's technicians in memory, in a spatial index (<see cref="TechnicianIndex"/>), so that a suggestion
/// looks at those near the job instead of reading and scoring the whole region from the database.
/// Fed from the database at start (<see cref="RosterUpkeep"/>), then kept current by the paths that change what
/// scoring reads: position pings (<see cref="PositionIngestion"/>), ticket events (<see cref="RosterWorkload"/>: load,
/// today's jobs, ratings), and a periodic reload for what no event announces (shift hours starting and ending, the new day,
/// technicians added or edited).
/// </summary>
public sealed class TechnicianRoster(IDbContextFactory<ScrmDbContext> dbFactory, TechnicianFactsReader reader, ILogger<TechnicianRoster> log)
{
    private readonly ConcurrentDictionary<string, Task<TechnicianIndex>> _regions = new();
    private readonly Lock _installing = new();
    private readonly Dictionary<string, long> _installedReload = [];
    private long _reloads;

    /// <summary>The region's index, loaded on first use when the start-up load has not reached it yet.</summary>
    public async Task<TechnicianIndex> RegionAsync(string region, CancellationToken ct = default)
    {
        var loading = _regions.GetOrAdd(region, r => LoadAsync(r, CancellationToken.None));
        try
        {
            return await loading.WaitAsync(ct);
        }
        catch (Exception) when (loading.IsFaulted)
        {
            // A failed load is not kept: the next caller tries again.
            _regions.TryRemove(new KeyValuePair<string, Task<TechnicianIndex>>(region, loading));
            throw;
        }
    }

    /// <summary>
    /// Reads the region again from the database and replaces its index in one step, unless a reload that began later
    /// got there first: two reloads overlapping (the timer's and a caller's) must not leave the older read in place.
    /// </summary>
    public async Task ReloadAsync(string region, CancellationToken ct = default)
    {
        var started = Interlocked.Increment(ref _reloads);
        var index = await LoadAsync(region, ct);
        lock (_installing)
        {
            if (_installedReload.GetValueOrDefault(region) > started) return;
            _installedReload[region] = started;
            _regions[region] = Task.FromResult(index);
        }
    }

    /// <summary>Reloads every region; the regions are those the database has technicians in.</summary>
    public async Task ReloadAllAsync(CancellationToken ct = default)
    {
        List<string> regions;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
            regions = await db.Technicians.IgnoreQueryFilters().Select(t => t.Region).Distinct().ToListAsync(ct);
        foreach (var region in regions.Union(_regions.Keys).ToList()) await ReloadAsync(region, ct);
    }

    /// <summary>Reads these technicians again (their load, rating, status changed) into the indexes of regions already loaded.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> technicianIds, CancellationToken ct = default)
    {
        if (technicianIds.Count == 0) return;
        List<TechnicianFacts> facts;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
            facts = await reader.ManyAsync(db, technicianIds, ct);
        foreach (var technician in facts)
            if (Loaded(technician.Region) is { } index) index.Upsert(technician);
    }

    /// <summary>A technician's newest position fix; unknown technicians and regions not loaded yet are left to the load.</summary>
    public void Moved(long technicianId, GeoPoint at)
    {
        foreach (var loading in _regions.Values)
            if (loading.IsCompletedSuccessfully && loading.Result.Update(technicianId, t => t with { Position = at })) return;
    }

    private TechnicianIndex? Loaded(string region) =>
        _regions.TryGetValue(region, out var loading) && loading.IsCompletedSuccessfully ? loading.Result : null;

    private async Task<TechnicianIndex> LoadAsync(string region, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var technicians = await reader.RegionAsync(db, region, ct);
        log.LogDebug("Dispatch roster: {Count} technicians of {Region} indexed", technicians.Count, region);
        return new TechnicianIndex(technicians);
    }
}
