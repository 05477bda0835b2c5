using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Scrm.Domain.Sla;

/// <summary>
/// A business calendar's days worked out once: its zone, holidays and weekday periods once per calendar, and each local
/// day's open spans (as instants) once per day. Every clock of every ticket walks the same few weeks of the same few
/// calendars, and each walk used to find the zone, build the holiday sets, filter and sort the week and convert every
/// period's ends from local time again, per day walked (ADR 0041).
/// </summary>
internal sealed class CalendarDays
{
    // Keyed by the calendar object, not its value: a calendar is immutable, so an edited one (a holiday added, or the
    // settings reloaded) is another object with days of its own, and a dropped one takes its days with it.
    private static readonly ConditionalWeakTable<BusinessCalendar, CalendarDays> ByCalendar = new();

    // A bound on what one calendar remembers (about 27 years of days); days past it are worked out on every walk.
    private const int MaxDays = 10_000;

    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpDays;
    private readonly WorkingPeriod[][] _weekdays;
    private readonly ConcurrentDictionary<DateOnly, Day> _days = new();

    /// <summary>A local day: the first instant of it, and the open spans of the periods starting on it, in order.</summary>
    public sealed record Day(DateTimeOffset Start, (DateTimeOffset Start, DateTimeOffset End)[] Periods);

    private CalendarDays(BusinessCalendar calendar)
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZoneId);
        _holidays = [.. calendar.Holidays];
        _makeUpDays = [.. calendar.WorkingWeekends];
        _weekdays = [.. Enum.GetValues<DayOfWeek>().Select(d => calendar.Week.Where(p => p.Day == d).OrderBy(p => p.From).ToArray())];
    }

    public static CalendarDays Of(BusinessCalendar calendar) => ByCalendar.GetValue(calendar, static c => new CalendarDays(c));

    /// <summary>The local date at <paramref name="instant"/> in the calendar's zone.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => LocalClock.DateAt(instant, _zone);

    public Day On(DateOnly date)
    {
        if (_days.TryGetValue(date, out var day)) return day;
        day = WorkOut(date);
        if (_days.Count < MaxDays) _days.TryAdd(date, day);
        return day;
    }

    private Day WorkOut(DateOnly date)
    {
        var start = LocalClock.FirstInstantAt(date.ToDateTime(TimeOnly.MinValue), _zone);
        if (_holidays.Contains(date)) return new Day(start, []);
        var periods = _weekdays[(int)(_makeUpDays.Contains(date) ? DayOfWeek.Monday : date.DayOfWeek)];
        var spans = new (DateTimeOffset Start, DateTimeOffset End)[periods.Length];
        for (var i = 0; i < periods.Length; i++)
        {
            var period = periods[i];
            var endDate = period.IsOvernight ? date.AddDays(1) : date;
            spans[i] = (LocalClock.FirstInstantAt(date.ToDateTime(period.From), _zone), LocalClock.FirstInstantAt(endDate.ToDateTime(period.To), _zone));
        }
        return new Day(start, spans);
    }
}
