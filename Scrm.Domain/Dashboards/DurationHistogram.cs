namespace Scrm.Domain.Dashboards;

/// <summary>
/// Durations counted into fixed buckets, so that days and regions add up by summing counts (a median of medians
/// would not). Bucket upper bounds run from 30 minutes to 14 days, roughly doubling; a quantile is interpolated
/// linearly inside its bucket, so its error is at most that bucket's width (under 30 min below 1 h, under 12 h
/// below 1 day, under 4 days at the 10–14 day end). Durations past 14 days land in the last bucket and report as 14 days.
/// </summary>
public static class DurationHistogram
{
    /// <summary>Upper bound of each bucket in minutes; the last bucket is open-ended.</summary>
    public static readonly IReadOnlyList<int> UpperMinutes =
        [30, 60, 120, 240, 480, 720, 1440, 2160, 2880, 4320, 5760, 7200, 10080, 14400, 20160, int.MaxValue];

    public static int BucketCount => UpperMinutes.Count;

    public static int BucketOf(TimeSpan duration)
    {
        var minutes = Math.Max(0, duration.TotalMinutes);
        for (var i = 0; i < UpperMinutes.Count; i++)
            if (minutes < UpperMinutes[i]) return i;
        return UpperMinutes.Count - 1;
    }

    public static long[] Empty() => new long[BucketCount];

    public static long[] Of(IEnumerable<TimeSpan> durations)
    {
        var counts = Empty();
        foreach (var d in durations) counts[BucketOf(d)]++;
        return counts;
    }

    public static long[] Merge(long[] a, long[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    /// <summary>The <paramref name="q"/> quantile (0.5 median, 0.9 p90) in minutes; null when nothing was counted.</summary>
    public static double? Quantile(IReadOnlyList<long> counts, double q)
    {
        if (q is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(q));
        var total = counts.Sum();
        if (total == 0) return null;
        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0) continue;
            if (seen + counts[i] >= rank)
            {
                var lower = i == 0 ? 0 : UpperMinutes[i - 1];
                var upper = i == counts.Count - 1 ? UpperMinutes[i - 1] : UpperMinutes[i];
                var within = (rank - seen) / counts[i];
                return lower + (upper - lower) * within;
            }
            seen += counts[i];
        }
        return UpperMinutes[^2];
    }
}
