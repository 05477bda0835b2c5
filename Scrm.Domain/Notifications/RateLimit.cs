namespace Scrm.Domain.Notifications;

/// <summary>
/// At most <see cref="Max"/> messages to one recipient on one channel in any <see cref="Window"/>. A message over the
/// limit is delayed to the first free slot, never dropped: a customer still learns the technician is on site.
/// </summary>
public sealed record RateLimit(int Max, TimeSpan Window)
{
    public static readonly RateLimit Default = new(5, TimeSpan.FromHours(1));

    /// <summary>
    /// The earliest instant at or after <paramref name="wanted"/> at which one more message fits among
    /// <paramref name="scheduled"/> (sent or queued, also for later): no window of length <see cref="Window"/> may then hold more than <see cref="Max"/>.
    /// </summary>
    public DateTimeOffset NextSlot(DateTimeOffset wanted, IEnumerable<DateTimeOffset> scheduled)
    {
        if (Max <= 0) throw new ArgumentOutOfRangeException(nameof(Max), "A rate limit allows at least one message.");
        var times = scheduled.OrderBy(t => t).ToList();
        // Whether a slot is free changes only when a message leaves the window, so those are the only instants to try.
        var candidates = times.Select(t => t + Window).Where(t => t > wanted).Prepend(wanted).Distinct().OrderBy(t => t);
        return candidates.First(c => Fits(c, times));
    }

    // Any window holding c can be shrunk to start at its first message, which is c itself or one shortly before it.
    private bool Fits(DateTimeOffset c, List<DateTimeOffset> times) =>
        times.Where(t => t > c - Window && t <= c).Append(c)
            .All(start => times.Count(t => t >= start && t < start + Window) < Max);
}
