using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Shared;

namespace Scrm.App.Features.Flows.Bottlenecks;

/// <summary>
/// One node of a flow version: <see cref="Now"/> tickets there at this moment, and over the period <see cref="Count"/>
/// stays that ended with their <see cref="Median"/> and <see cref="P90"/> length (null without any).
/// </summary>
public sealed record NodeBottleneck(string NodeId, int Now, int Count, TimeSpan? Median, TimeSpan? P90);

/// <summary>
/// Where tickets wait in a published flow version, from its node visits. "Now" counts the open visits (LeftAt
/// null): they live in one table with the durations and filter by region in the same join, while the instances'
/// active nodes sit inside their state JSON. Percentiles are computed in memory over the durations read for the
/// version and period: a few thousand rows per flow at this scale.
/// </summary>
public sealed class FlowBottlenecks(IDbContextFactory<ScrmDbContext> dbFactory)
{
    public async Task<IReadOnlyList<NodeBottleneck>> ForAsync(AccessScope scope, string key, int version, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        if (!scope.IsInAny(AppRoles.Admin, AppRoles.Manager))
            throw new AccessDeniedException("Flow.BottlenecksDenied", "Only Admins and Managers read flow bottlenecks.");
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        // The join on Tickets brings the region filter (ADR 0002): a Manager counts their regions' tickets only.
        var visits = from v in db.Set<FlowNodeVisit>()
                     join t in db.Tickets on v.TicketId equals t.Id
                     where v.TemplateKey == key && v.FlowVersion == version
                     select v;
        var open = await visits.Where(v => v.LeftAt == null).GroupBy(v => v.NodeId)
            .Select(g => new { NodeId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.NodeId, g => g.Count, ct);
        var stays = await visits.Where(v => v.LeftAt != null && v.LeftAt >= from && v.LeftAt <= to)
            .Select(v => new { v.NodeId, v.EnteredAt, LeftAt = v.LeftAt!.Value }).ToListAsync(ct);
        var durations = stays.GroupBy(s => s.NodeId).ToDictionary(g => g.Key, g => g.Select(s => s.LeftAt - s.EnteredAt).ToList());
        return open.Keys.Union(durations.Keys).Order(StringComparer.Ordinal)
            .Select(node => Row(node, open.GetValueOrDefault(node), durations.GetValueOrDefault(node) ?? []))
            .ToList();
    }

    private static NodeBottleneck Row(string nodeId, int now, List<TimeSpan> durations) => durations.Count == 0
        ? new(nodeId, now, 0, null, null)
        : new(nodeId, now, durations.Count, Percentile.Of(durations, 0.5), Percentile.Of(durations, 0.9));
}
