namespace Scrm.Domain.Sla;

/// <summary>Turns wall-clock times of a zone into instants, across daylight-saving changes.</summary>
internal static class LocalClock
{
    /// <summary>
    /// The first instant at which the zone's clock reads <paramref name="local"/> or later: a time skipped when the
    /// clocks go forward becomes the instant they jump; a time that happens twice when they go back, its first occurrence.
    /// </summary>
    public static DateTimeOffset FirstInstantAt(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return JumpOver(local, zone);
        if (zone.IsAmbiguousTime(local)) return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly DateAt(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    // The skipped hour has no offset of its own; search for the jump, which no API reports directly.
    private static DateTimeOffset JumpOver(DateTime local, TimeZoneInfo zone)
    {
        var guess = DateTime.SpecifyKind(local, DateTimeKind.Utc);
        long low = guess.AddHours(-15).Ticks, high = guess.AddHours(15).Ticks;
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            var reads = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(middle, DateTimeKind.Utc), zone);
            if (reads >= local) high = middle; else low = middle;
        }
        return new DateTimeOffset(high, TimeSpan.Zero);
    }
}
