using Scrm.Domain.Geo;

namespace Scrm.Domain.Tickets;

/// <summary>
/// What a new ticket is opened with; the site fields are a snapshot of where the work is. A child ticket (one step of
/// a flow's pipeline) names its parent.
/// </summary>
public sealed record TicketDraft(
    TicketType Type,
    string Title,
    string? Description,
    TicketPriority Priority,
    long CustomerId,
    string CustomerName,
    long? SiteId,
    string SiteAddress,
    string City,
    string Region,
    GeoPoint Location,
    long? DeviceId = null,
    long? ParentTicketId = null);
