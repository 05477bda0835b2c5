using Scrm.Domain.Tickets;

namespace Scrm.App.Realtime;

/// <summary>
/// Published after a ticket change commits. Serialisable and idempotent to handle, so that a backplane
/// can carry it between instances later.
/// </summary>
public sealed record TicketChanged(long TicketId, string Number, string Region, long? AssigneeId,
    TicketStatus Status, long Version, DateTimeOffset CommittedAt);
