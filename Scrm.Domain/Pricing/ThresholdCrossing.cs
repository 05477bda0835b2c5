namespace Scrm.Domain.Pricing;

/// <summary>
/// Which threshold rules a quote total crosses for the first time: "flag + notify" happens once per ticket and
/// threshold, so a quote that grows further, or drops below and climbs back, does not notify again.
/// </summary>
public static class ThresholdCrossing
{
    /// <summary>The thresholds <paramref name="totalFen"/> is above (as the engine flags them) whose codes are not in <paramref name="reached"/>.</summary>
    public static IReadOnlyList<Threshold> Newly(PriceBook book, long totalFen, IReadOnlyCollection<string> reached) =>
        book.Thresholds.Where(t => totalFen > t.MinTotalFen && !reached.Contains(t.Code, StringComparer.OrdinalIgnoreCase)).ToList();
}
