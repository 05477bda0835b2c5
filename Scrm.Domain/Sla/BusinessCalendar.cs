namespace Scrm.Domain.Sla;

/// <summary>
/// When a region's service desk works: opening hours per weekday in one time zone, public holidays, and the
/// Saturdays/Sundays worked instead (调休, with Monday's hours). SLA clocks count only this working time, unless
/// <see cref="AlwaysOpen"/> (24×7). Stored as JSON (<see cref="Scrm.Domain.Common.DomainJson"/>); all arithmetic is exact to the tick.
/// Immutable once built: its worked-out days are remembered per calendar object.
/// </summary>
public sealed record BusinessCalendar
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";

    /// <summary>The region this variant of <see cref="Key"/> serves; null: the head office default.</summary>
    public string? Region { get; init; }

    /// <summary>IANA zone id, e.g. "Asia/Shanghai".</summary>
    public string TimeZoneId { get; init; } = "Asia/Shanghai";
    public IReadOnlyList<WorkingPeriod> Week { get; init; } = [];
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    /// <summary>Make-up working days (调休): a Saturday or Sunday worked with Monday's hours.</summary>
    public IReadOnlyList<DateOnly> WorkingWeekends { get; init; } = [];
    public bool AlwaysOpen { get; init; }

    /// <summary>
    /// The instant when <paramref name="duration"/> of working time has passed from <paramref name="start"/>; outside
    /// hours counting begins at the next opening (so a zero duration gives the next open instant).
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return AddWorkingTimes(start, [duration])[0];
    }

    /// <summary>
    /// <see cref="AddWorkingTime"/> for several durations from one start, in one walk of the openings: a clock's ladder
    /// steps and due time all count from the same start. <paramref name="durations"/> in ascending order.
    /// </summary>
    internal DateTimeOffset[] AddWorkingTimes(DateTimeOffset start, IReadOnlyList<TimeSpan> durations)
    {
        var reached = new DateTimeOffset[durations.Count];
        if (durations.Count == 0) return reached;
        ArgumentOutOfRangeException.ThrowIfLessThan(durations[0], TimeSpan.Zero, nameof(durations));
        var (next, passed) = (0, TimeSpan.Zero);
        foreach (var (from, to) in Openings(start))
        {
            var available = to - from;
            for (; next < durations.Count && durations[next] - passed <= available; next++)
                reached[next] = (from + (durations[next] - passed)).ToOffset(start.Offset);
            if (next == durations.Count) return reached;
            passed += available;
        }
        throw new InvalidOperationException($"Calendar '{Key}' has no working hours.");
    }

    /// <summary>Working time in [<paramref name="from"/>, <paramref name="to"/>); zero when <paramref name="to"/> is not later.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        foreach (var (start, end) in Openings(from, to)) total += end - start;
        return total;
    }

    public bool IsOpen(DateTimeOffset instant) => Openings(instant, instant.AddTicks(1)).Any();

    /// <summary>
    /// The open spans from <paramref name="from"/> on (until <paramref name="until"/>, or for ever), clipped to the
    /// window, in order, touching spans merged. Walks day by day, period by period, over the calendar's
    /// days as worked out once (<see cref="CalendarDays"/>).
    /// </summary>
    internal IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Openings(DateTimeOffset from, DateTimeOffset? until = null)
    {
        if (AlwaysOpen)
        {
            yield return (from, until ?? DateTimeOffset.MaxValue);
            yield break;
        }
        if (Week.Count == 0) yield break;
        var days = CalendarDays.Of(this);
        // The day before: its overnight period may still be running at `from`.
        var date = days.DateAt(from).AddDays(-1);
        (DateTimeOffset Start, DateTimeOffset End)? pending = null;
        while (true)
        {
            var day = days.On(date);
            if (until is { } last && day.Start >= last) break;
            foreach (var (periodStart, periodEnd) in day.Periods)
            {
                var start = periodStart < from ? from : periodStart;
                var end = until is { } u && periodEnd > u ? u : periodEnd;
                if (start >= end) continue;
                if (pending is { } open && start <= open.End)
                {
                    pending = (open.Start, end > open.End ? end : open.End);
                    continue;
                }
                if (pending is { } done) yield return done;
                pending = (start, end);
            }
            date = date.AddDays(1);
        }
        if (pending is { } tail) yield return tail;
    }

    /// <summary>What makes the calendar unusable; empty when it is fine.</summary>
    public IReadOnlyList<SlaProblem> Validate() => CalendarCheck.Problems(this);
}
