using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// A database from before <see cref="TechnicianPlaceDay"/> (ADR 0027) has technician days but no per-place ones, so the
/// leaderboard narrowed by city, type or priority showed no history until someone rebuilt the rollups. At start-up, once,
/// the rebuild fills them; a database where both are empty (new) or both are kept (since) is left alone.
/// </summary>
internal sealed class KpiBackfill(IDbContextFactory<ScrmDbContext> dbFactory, KpiRebuild rebuild, ILogger<KpiBackfill> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try
        {
            if (await FillIfMissingAsync(dbFactory, rebuild, stop)) log.LogInformation("Technician days per place were missing: the rollups were rebuilt.");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Rebuilds when technician days exist and none per place do; true when it rebuilt.</summary>
    public static async Task<bool> FillIfMissingAsync(IDbContextFactory<ScrmDbContext> dbFactory, KpiRebuild rebuild, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
        {
            if (await db.Set<TechnicianPlaceDay>().AnyAsync(ct) || !await db.TechnicianKpiDays.AnyAsync(ct)) return false;
        }
        await rebuild.RunAsync(ct);
        return true;
    }
}
