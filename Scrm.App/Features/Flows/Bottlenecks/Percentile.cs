namespace Scrm.App.Features.Flows.Bottlenecks;

/// <summary>Percentiles by linear interpolation between the closest ranks (Excel's PERCENTILE.INC): the median of 1, 2, 3, 4 is 2.5.</summary>
public static class Percentile
{
    public static TimeSpan Of(IReadOnlyCollection<TimeSpan> values, double p)
    {
        if (values.Count == 0) throw new ArgumentException("No values to take a percentile of.", nameof(values));
        var sorted = values.Select(v => v.Ticks).Order().ToArray();
        var rank = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return TimeSpan.FromTicks(sorted[low] + (long)Math.Round((sorted[high] - sorted[low]) * (rank - low)));
    }
}
