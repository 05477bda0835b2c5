namespace Scrm.Domain.Dashboards;

/// <summary>The counters a day of one region/city/type/priority/team adds up to; every one of them sums across rows.</summary>
public enum KpiCounter
{
    Created,
    Resolved,
    Closed,
    Cancelled,
    Reopened,
    /// <summary>+1 when a ticket opens (or comes back from closed), −1 when it closes or is cancelled: open tickets at a day = the sum up to it.</summary>
    OpenDelta,
    /// <summary>The same moves weighted by the ticket's creation day number: with <see cref="OpenDelta"/> it gives the backlog's mean age.</summary>
    OpenCreatedDays,
    FirstResponseCount,
    FirstResponseMinutes,
    ArrivalCount,
    ArrivalMinutes,
    SlaMeasured,
    SlaMet,
    FixMeasured,
    FirstTimeFixed,
    RevenueFen,
    CostFen,
    Bills,
    // The stage funnel: counted on the ticket's creation day, so a period's funnel is its own cohort.
    ReachedAssigned,
    ReachedAccepted,
    ReachedOnSite,
    ReachedResolved,
    ReachedClosed,
    /// <summary>Customer ratings (TicketRated), counted on the day of the rating: CSAT = stars / ratings.</summary>
    Ratings,
    RatingStars,
}

/// <summary>
/// A vector of additive figures: the <see cref="KpiCounter"/>s, then tickets created per local hour (24), then the
/// resolution-time histogram (<see cref="DurationHistogram"/>). Rollup rows store exactly these columns.
/// </summary>
public sealed class KpiTotals
{
    public static readonly int CounterCount = Enum.GetValues<KpiCounter>().Length;
    public static readonly int HourBase = CounterCount;
    public static readonly int BucketBase = HourBase + 24;
    public static readonly int Length = BucketBase + DurationHistogram.BucketCount;

    /// <summary>Column names in vector order (counters, H00–H23, R00–R15).</summary>
    public static readonly IReadOnlyList<string> ColumnNames =
        Enum.GetNames<KpiCounter>()
            .Concat(Enumerable.Range(0, 24).Select(h => $"H{h:00}"))
            .Concat(Enumerable.Range(0, DurationHistogram.BucketCount).Select(b => $"R{b:00}"))
            .ToArray();

    public KpiTotals() => Values = new long[Length];

    public KpiTotals(long[] values)
    {
        if (values.Length != Length) throw new ArgumentException($"Expected {Length} values, got {values.Length}.", nameof(values));
        Values = values;
    }

    public long[] Values { get; }

    public long this[KpiCounter counter]
    {
        get => Values[(int)counter];
        set => Values[(int)counter] = value;
    }

    public long CreatedInHour(int hour) => Values[HourBase + hour];

    public IReadOnlyList<long> ResolutionBuckets => new ArraySegment<long>(Values, BucketBase, DurationHistogram.BucketCount);

    public void AddCreatedInHour(int hour) => Values[HourBase + hour]++;

    public void AddResolution(TimeSpan duration) => Values[BucketBase + DurationHistogram.BucketOf(duration)]++;

    public KpiTotals Add(KpiTotals other)
    {
        for (var i = 0; i < Length; i++) Values[i] += other.Values[i];
        return this;
    }

    public static KpiTotals Sum(IEnumerable<KpiTotals> all) => all.Aggregate(new KpiTotals(), (sum, t) => sum.Add(t));

    public bool IsZero => Values.All(v => v == 0);
}
