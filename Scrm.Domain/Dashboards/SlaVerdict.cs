namespace Scrm.Domain.Dashboards;

/// <summary>Whether a resolved ticket kept its SLA, as the SLA module's clocks (which leave paused time out) recorded it.</summary>
public enum SlaVerdict
{
    /// <summary>No SLA applied to the ticket: it is not counted in the compliance rate at all.</summary>
    NotTracked,
    Met,
    Breached,
}

public static class SlaVerdicts
{
    /// <summary>
    /// A ticket met its SLA when no clock had breached by the time it was resolved. <paramref name="breachedAt"/> is the
    /// earliest breach the SLA module recorded; its clocks stop while the ticket is on hold, so waiting for parts does not count.
    /// </summary>
    public static SlaVerdict Judge(bool tracked, DateTimeOffset resolvedAt, DateTimeOffset? breachedAt) =>
        !tracked ? SlaVerdict.NotTracked
        : breachedAt is { } at && at <= resolvedAt ? SlaVerdict.Breached
        : SlaVerdict.Met;
}
