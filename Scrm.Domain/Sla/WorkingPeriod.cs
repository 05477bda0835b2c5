using System.Text.Json.Serialization;

namespace Scrm.Domain.Sla;

/// <summary>
/// Opening hours on one weekday, in the calendar's local time. <see cref="To"/> at or before <see cref="From"/> runs
/// overnight into the next day (22:00–06:00); several on one day make a split shift (09:00–12:00, 13:30–18:00).
/// </summary>
public sealed record WorkingPeriod(DayOfWeek Day, TimeOnly From, TimeOnly To)
{
    [JsonIgnore]
    public bool IsOvernight => To <= From;

    [JsonIgnore]
    public TimeSpan Length => IsOvernight ? To - From + TimeSpan.FromDays(1) : To - From;
}
