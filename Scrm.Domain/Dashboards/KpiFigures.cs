namespace Scrm.Domain.Dashboards;

/// <summary>The open tickets at the end of a day: their count and the sum of their creation day numbers.</summary>
public sealed record Backlog(long Open, long CreatedDaySum)
{
    /// <summary>Mean age in days of the tickets open at the end of <paramref name="asOf"/>; null when none is open.</summary>
    public double? MeanAgeDays(DateOnly asOf) => Open <= 0 ? null : asOf.DayNumber - (double)CreatedDaySum / Open;
}

/// <summary>
/// The dashboard's figures for one period, defined once here: the tiles, the API and the export all read these.
/// Rates are percentages (0–100); times are minutes; money is fen. Null means "nothing to measure" (shown as —).
/// </summary>
public sealed record KpiFigures(
    long New,
    long Closed,
    long Open,
    double? BacklogAgeDays,
    double? FirstResponseMinutes,
    double? ArrivalMinutes,
    double? ResolutionMedianMinutes,
    double? ResolutionP90Minutes,
    double? SlaCompliancePercent,
    double? FirstTimeFixPercent,
    double? ReopenPercent,
    double? Csat,
    long RevenueFen,
    long CostFen,
    long MarginFen)
{
    /// <param name="period">The period's summed totals.</param>
    /// <param name="backlog">Open tickets at the end of the period's last day.</param>
    public static KpiFigures From(KpiTotals period, Backlog backlog, DateOnly lastDay)
    {
        var revenue = period[KpiCounter.RevenueFen];
        var cost = period[KpiCounter.CostFen];
        return new KpiFigures(
            New: period[KpiCounter.Created],
            Closed: period[KpiCounter.Closed],
            Open: backlog.Open,
            BacklogAgeDays: backlog.MeanAgeDays(lastDay),
            FirstResponseMinutes: Mean(period[KpiCounter.FirstResponseMinutes], period[KpiCounter.FirstResponseCount]),
            ArrivalMinutes: Mean(period[KpiCounter.ArrivalMinutes], period[KpiCounter.ArrivalCount]),
            ResolutionMedianMinutes: DurationHistogram.Quantile(period.ResolutionBuckets, 0.5),
            ResolutionP90Minutes: DurationHistogram.Quantile(period.ResolutionBuckets, 0.9),
            SlaCompliancePercent: Percent(period[KpiCounter.SlaMet], period[KpiCounter.SlaMeasured]),
            FirstTimeFixPercent: Percent(period[KpiCounter.FirstTimeFixed], period[KpiCounter.FixMeasured]),
            ReopenPercent: Percent(period[KpiCounter.Reopened], period[KpiCounter.Resolved]),
            // Mean stars (1–5) of the ratings given in the period; null when nobody rated.
            Csat: Mean(period[KpiCounter.RatingStars], period[KpiCounter.Ratings]),
            RevenueFen: revenue,
            CostFen: cost,
            MarginFen: revenue - cost);
    }

    public static double? Mean(long sum, long count) => count == 0 ? null : (double)sum / count;

    public static double? Percent(long part, long whole) => whole == 0 ? null : 100.0 * part / whole;
}

/// <summary>One tile: this period, the one before it of the same length, and the change.</summary>
public sealed record KpiTile(string Key, double? Current, double? Previous)
{
    /// <summary>Change in the tile's own unit (points for rates); null when either side is missing.</summary>
    public double? Change => Current is { } c && Previous is { } p ? c - p : null;

    /// <summary>Relative change in percent; null when there is no base to compare with.</summary>
    public double? ChangePercent => Current is { } c && Previous is { } p && p != 0 ? 100.0 * (c - p) / Math.Abs(p) : null;

    /// <summary>The tile keys in display order.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "New", "Closed", "Open", "BacklogAge", "FirstResponse", "Arrival", "ResolutionMedian", "ResolutionP90",
        "SlaCompliance", "FirstTimeFix", "Reopen", "Csat", "Revenue", "Cost", "Margin",
    ];

    public static IReadOnlyList<KpiTile> Compare(KpiFigures current, KpiFigures previous) =>
        Keys.Select(k => new KpiTile(k, Value(current, k), Value(previous, k))).ToList();

    public static double? Value(KpiFigures f, string key) => key switch
    {
        "New" => f.New,
        "Closed" => f.Closed,
        "Open" => f.Open,
        "BacklogAge" => f.BacklogAgeDays,
        "FirstResponse" => f.FirstResponseMinutes,
        "Arrival" => f.ArrivalMinutes,
        "ResolutionMedian" => f.ResolutionMedianMinutes,
        "ResolutionP90" => f.ResolutionP90Minutes,
        "SlaCompliance" => f.SlaCompliancePercent,
        "FirstTimeFix" => f.FirstTimeFixPercent,
        "Reopen" => f.ReopenPercent,
        "Csat" => f.Csat,
        "Revenue" => f.RevenueFen,
        "Cost" => f.CostFen,
        "Margin" => f.MarginFen,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };
}
