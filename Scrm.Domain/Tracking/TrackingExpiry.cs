using Scrm.Domain.Tickets;

namespace Scrm.Domain.Tracking;

/// <summary>
/// How long a progress link works: for as long as the ticket is open, and a number of days after it ended (closed, or
/// cancelled), so that the customer can still look back and rate, but an old link does not stay a window for good.
/// </summary>
public static class TrackingExpiry
{
    public const int DefaultDaysAfterClose = 30;

    /// <summary>When the link stops working; null while the ticket is open.</summary>
    public static DateTimeOffset? ExpiresAt(TicketStatus status, DateTimeOffset? closedAt, DateTimeOffset updatedAt, int daysAfterClose)
    {
        if (daysAfterClose < 0) throw new ArgumentOutOfRangeException(nameof(daysAfterClose), daysAfterClose, "Days after close cannot be negative.");
        DateTimeOffset? ended = status switch
        {
            TicketStatus.Closed => closedAt ?? updatedAt,
            // A cancelled ticket keeps no end time of its own; its last change is the cancellation.
            TicketStatus.Cancelled => updatedAt,
            _ => null,
        };
        return ended?.AddDays(daysAfterClose);
    }

    public static bool IsExpired(TicketStatus status, DateTimeOffset? closedAt, DateTimeOffset updatedAt, int daysAfterClose, DateTimeOffset now) =>
        ExpiresAt(status, closedAt, updatedAt, daysAfterClose) is { } expires && now >= expires;
}
