using System.Globalization;
using Scrm.Domain.Sla;

namespace Scrm.Tests.Domain.Sla;

/// <summary>Instants written as Beijing wall-clock time, and the calendars the SLA tests count with.</summary>
internal static class SlaTime
{
    /// <summary>"2026-11-23 09:00" (a Monday) in Beijing time.</summary>
    public static DateTimeOffset Cn(string local) => At(local, "+08:00");

    public static DateTimeOffset At(string local, string offset) =>
        DateTimeOffset.Parse($"{local.Replace(' ', 'T')}{offset}", CultureInfo.InvariantCulture);

    /// <summary>09:00–12:00 + 13:00–18:00 Monday to Friday, with the 2026/2027 holidays and make-up days.</summary>
    public static BusinessCalendar Office => SampleSla.Calendars().Single(c => c.Key == SampleSla.Workdays && c.Region is null);

    public static BusinessCalendar RoundTheClock => SampleSla.Calendars().Single(c => c.Key == SampleSla.RoundTheClock);

    /// <summary>A night shift, 22:00–06:00, starting Monday to Friday evenings.</summary>
    public static BusinessCalendar NightShift(string zone = "Asia/Shanghai") => new()
    {
        Key = "night", Name = "夜班", TimeZoneId = zone,
        Week = [.. Enumerable.Range(1, 5).Select(d => new WorkingPeriod((DayOfWeek)d, new(22, 0), new(6, 0)))],
    };
}
