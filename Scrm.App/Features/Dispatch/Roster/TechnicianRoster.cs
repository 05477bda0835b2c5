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
    // Technician → the stamp of the refresh that last replaced their facts (see ReloadAsync); guarded by _installing.
    private readonly Dictionary<long, long> _refreshedAt = [];
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
    /// What changed in memory while it read is kept: a technician refreshed after the read began keeps what the
    /// refresh found, and a position fix newer than the one read stays (a ping landing mid-reload is not undone).
    /// </summary>
    public async Task ReloadAsync(string region, CancellationToken ct = default)
    {
        var started = Interlocked.Increment(ref _reloads);
        var index = await LoadAsync(region, ct);
        lock (_installing)
        {
            if (_installedReload.GetValueOrDefault(region) > started) return;
            if (Loaded(region) is { } current) KeepNewer(current, index, started);
            _installedReload[region] = started;
            _regions[region] = Task.FromResult(index);
        }
    }

    // Under _installing: Moved and RefreshAsync change an installed index only while holding it, so none lands on the
    // old index between this look and the swap.
    private void KeepNewer(TechnicianIndex current, TechnicianIndex reloaded, long reloadStarted)
    {
        foreach (var known in current.Technicians)
        {
            if (_refreshedAt.TryGetValue(known.Id, out var refreshed) && refreshed > reloadStarted)
            {
                if (reloaded.Find(known.Id) is not null) reloaded.Upsert(known);
            }
            else if (known.PositionAt is { } fix && reloaded.Find(known.Id) is { } read && !(read.PositionAt >= fix))
                reloaded.Upsert(read with { Position = known.Position, PositionAt = fix });
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
        // Stamped before the read, on the reloads' clock: a reload that began before it read older facts.
        var stamp = Interlocked.Increment(ref _reloads);
        List<TechnicianFacts> facts;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
            facts = await reader.ManyAsync(db, technicianIds, ct);
        lock (_installing)
            foreach (var technician in facts)
            {
                if (Loaded(technician.Region) is not { } index) continue;
                // A reload that began after this read began has newer facts already installed: an older read must not undo them.
                if (_installedReload.GetValueOrDefault(technician.Region) > stamp) continue;
                _refreshedAt[technician.Id] = Math.Max(stamp, _refreshedAt.GetValueOrDefault(technician.Id));
                // A fix that came in while this read is newer than the position read.
                var fresher = index.Find(technician.Id) is { PositionAt: { } fix } known && !(technician.PositionAt >= fix)
                    ? technician with { Position = known.Position, PositionAt = fix } : technician;
                index.Upsert(fresher);
            }
    }

    /// <summary>
    /// A technician's position fix of <paramref name="fixedAt"/>, unless a later one is known (a reload may have read it
    /// first); unknown technicians and regions not loaded yet are left to the load.
    /// </summary>
    public void Moved(long technicianId, GeoPoint at, DateTimeOffset fixedAt)
    {
        lock (_installing)
            foreach (var loading in _regions.Values)
                if (loading.IsCompletedSuccessfully && loading.Result.Update(technicianId,
                        t => t.PositionAt >= fixedAt ? t : t with { Position = at, PositionAt = fixedAt }))
                    return;
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
