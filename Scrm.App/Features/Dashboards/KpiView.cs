using Scrm.Domain.Dashboards;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>Everything one dashboard shows, from one query batch.</summary>
public sealed record KpiView(
    KpiFilter Filter,
    KpiFigures Current,
    KpiFigures Previous,
    IReadOnlyList<KpiTile> Tiles,
    IReadOnlyList<KpiTrendPoint> Trend,
    IReadOnlyList<FunnelStage> StageFunnel,
    IReadOnlyList<FunnelStage> BusinessFunnel,
    long[,] Heatmap,
    IReadOnlyList<KpiPlace> Places,
    IReadOnlyList<KpiRegionRow> Regions,
    IReadOnlyList<KpiTechnicianRow> Technicians,
    DateTimeOffset LoadedAt,
    int Queries);

public sealed record KpiTrendPoint(DateOnly Day, long Created, long Closed, long Resolved, double? SlaPercent);

/// <summary>A funnel step: how many reached it, and what share of the step before did not (drop-off, 0–100).</summary>
public sealed record FunnelStage(string Key, long Count, double? DropOffPercent, string? Drill = null)
{
    public static IReadOnlyList<FunnelStage> Chain(IEnumerable<(string Key, long Count, string? Drill)> steps)
    {
        var list = new List<FunnelStage>();
        long? before = null;
        foreach (var (key, count, drill) in steps)
        {
            list.Add(new FunnelStage(key, count, before is > 0 ? 100.0 * (before.Value - count) / before.Value : null, drill));
            before = count;
        }
        return list;
    }
}

/// <summary>Demand and supply in one city: tickets created in the period against technicians based there.</summary>
public sealed record KpiPlace(string Region, string City, double Lat, double Lng, long Created, long Closed, int Technicians)
{
    /// <summary>Tickets per technician; null where nobody is based.</summary>
    public double? Load => Technicians == 0 ? null : (double)Created / Technicians;
}

public sealed record KpiRegionRow(string Region, long Created, long Closed, double? SlaPercent, double? FirstTimeFixPercent, long RevenueFen, long MarginFen);

public sealed record KpiTechnicianRow(long Id, string Name, string Region, long Closed, double? SlaPercent, double? FirstTimeFixPercent,
    double? Rating, long RevenueFen)
{
    /// <summary>
    /// The efficiency ranking: closed tickets weighted by quality — SLA kept and fixed first time (each counts half;
    /// a missing rate counts as neither good nor bad, 50 %).
    /// </summary>
    public double Efficiency => Closed * (0.5 * (SlaPercent ?? 50) + 0.5 * (FirstTimeFixPercent ?? 50)) / 100;
}

public static class KpiTypes
{
    /// <summary>The business funnel, as far as tickets tell it: the types standing for lead → installation → after-sales.</summary>
    public static readonly IReadOnlyList<(string Key, TicketType[] Types)> BusinessSteps =
    [
        ("Lead", [TicketType.Consultation]),
        ("Installation", [TicketType.Installation]),
        ("AfterSales", [TicketType.Repair, TicketType.Maintenance, TicketType.Inspection]),
    ];
}
