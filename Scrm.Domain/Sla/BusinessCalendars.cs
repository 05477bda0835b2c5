namespace Scrm.Domain.Sla;

public static class BusinessCalendars
{
    /// <summary>
    /// The calendar a policy's <paramref name="key"/> means in <paramref name="region"/>: that region's variant, else
    /// the head office default (no region); null when neither exists.
    /// </summary>
    public static BusinessCalendar? Find(IEnumerable<BusinessCalendar> calendars, string key, string? region)
    {
        var withKey = calendars.Where(c => c.Key == key).ToList();
        return withKey.FirstOrDefault(c => region is not null && c.Region == region)
            ?? withKey.FirstOrDefault(c => c.Region is null);
    }
}
