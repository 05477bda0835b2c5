using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Bottlenecks;

/// <summary>
/// Node visits for the sample flows at version 1 over the last 90 days, so the bottleneck overlay has something to
/// show on a fresh demo. Tickets of the matching type created in the period walk the flow from their creation, each
/// step taking a plausible random time (客户确认 of a repair is the slow one: the customer takes hours to days). Only
/// closed tickets walk (to the end): open ones get their instances and visits from the runtime itself
/// (DemoFlows.StartOpenTicketsAsync), so the overlay's "now" counts are the real ones. Maintenance tickets stand in for the
/// discount approvals the demo has no type for.
/// </summary>
public static class DemoFlowHistory
{
    public const int Version = 1;
    public const int Days = 90;

    /// <summary>Writes the visits once (nothing when the sample flows have any already); returns how many it wrote.</summary>
    public static async Task<int> SeedAsync(IDbContextFactory<ScrmDbContext> dbFactory, DateTimeOffset now, CancellationToken ct = default)
    {
        string[] keys = [.. SampleFlows.All.Select(f => f.Key)];
        List<Ticket> tickets;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
        {
            if (await db.Set<FlowNodeVisit>().AnyAsync(v => keys.Contains(v.TemplateKey) && v.FlowVersion == Version, ct)) return 0;
            var since = now.AddDays(-Days);
            tickets = await db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= since && t.Status == TicketStatus.Closed)
                .OrderBy(t => t.Id).ToListAsync(ct);
        }
        var rng = new Random(2028);
        var visits = tickets.SelectMany(t => DemoWalks.Of(t, now, rng)).Where(v => v.EnteredAt <= now).ToList();
        foreach (var batch in visits.Chunk(1000))
        {
            await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
            db.SuppressAudit = true;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
        return visits.Count;
    }
}
