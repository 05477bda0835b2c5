namespace Scrm.Domain.Sla;

/// <summary>The rules a business calendar must keep before clocks may count with it.</summary>
internal static class CalendarCheck
{
    private static readonly TimeSpan WeekLength = TimeSpan.FromDays(7);

    public static IReadOnlyList<SlaProblem> Problems(BusinessCalendar calendar)
    {
        var problems = new List<SlaProblem>();
        if (string.IsNullOrWhiteSpace(calendar.Key))
            problems.Add(new(SlaProblemCodes.MissingKey, "The calendar needs a key."));
        if (!ZoneExists(calendar.TimeZoneId))
            problems.Add(new(SlaProblemCodes.UnknownTimeZone, $"Unknown time zone '{calendar.TimeZoneId}'.", calendar.TimeZoneId));
        if (calendar.AlwaysOpen) return problems;
        if (calendar.Week.Count == 0)
            problems.Add(new(SlaProblemCodes.NoWorkingHours, "The calendar has no working hours."));
        foreach (var period in calendar.Week.Where(p => p.From == p.To))
            problems.Add(new(SlaProblemCodes.EmptyPeriod, $"{period.Day} {period.From:HH\\:mm}: a period must end at another time than it starts.", period.Day, period.From));
        problems.AddRange(Overlaps(calendar.Week.Where(p => p.From != p.To).ToList()));
        foreach (var day in calendar.WorkingWeekends.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || calendar.Holidays.Contains(d)))
            problems.Add(new(SlaProblemCodes.BadWorkingWeekend, $"{day:yyyy-MM-dd} is not a Saturday or Sunday outside the holidays.", day));
        return problems;
    }

    // Periods live on a circular week: Sunday's overnight shift runs into Monday.
    private static IEnumerable<SlaProblem> Overlaps(IReadOnlyList<WorkingPeriod> week)
    {
        for (var i = 0; i < week.Count; i++)
            for (var j = i + 1; j < week.Count; j++)
                if (Overlap(week[i], week[j]))
                    yield return new(SlaProblemCodes.OverlappingPeriods,
                        $"{Describe(week[i])} overlaps {Describe(week[j])}.", Describe(week[i]), Describe(week[j]));
    }

    private static bool Overlap(WorkingPeriod a, WorkingPeriod b)
    {
        var gap = Modulo(StartInWeek(b) - StartInWeek(a));
        return gap == TimeSpan.Zero || gap < a.Length || WeekLength - gap < b.Length;
    }

    private static TimeSpan StartInWeek(WorkingPeriod p) => TimeSpan.FromDays((int)p.Day) + p.From.ToTimeSpan();

    private static TimeSpan Modulo(TimeSpan t) => TimeSpan.FromTicks(((t.Ticks % WeekLength.Ticks) + WeekLength.Ticks) % WeekLength.Ticks);

    private static string Describe(WorkingPeriod p) => $"{p.Day} {p.From:HH\\:mm}–{p.To:HH\\:mm}";

    private static bool ZoneExists(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (TimeZoneNotFoundException) { return false; }
        catch (InvalidTimeZoneException) { return false; }
    }
}
