namespace Scrm.Domain.Notifications;

/// <summary>
/// A nightly window (local time of the business zone) in which non-urgent messages to a kind of recipient wait;
/// they go out when it ends (08:00 by default). <see cref="Start"/> after <see cref="End"/> spans midnight.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(8, 0));

    /// <summary>Customers are not disturbed after 21:00.</summary>
    public static readonly QuietHours CustomerNight = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    /// <summary>The default window per kind of recipient: customers from 21:00, staff from 22:00, both until 08:00.</summary>
    public static QuietHours For(RecipientKind kind) => kind == RecipientKind.Customer ? CustomerNight : Night;

    public bool Contains(TimeOnly local) =>
        Start == End ? false : Start < End ? local >= Start && local < End : local >= Start || local < End;

    /// <summary>
    /// When a message queued at <paramref name="at"/> may go out: at once outside the window, else at the window's
    /// end on the right local day (the same day when queued after midnight, the next day when queued before it).
    /// </summary>
    public DateTimeOffset ReleaseAt(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        if (!Contains(TimeOnly.FromDateTime(local.DateTime))) return at;
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= End) day = day.AddDays(1);
        var release = day.ToDateTime(End, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(release)) release = release.AddHours(1);
        return new DateTimeOffset(release, zone.GetUtcOffset(release)).ToUniversalTime();
    }
}
