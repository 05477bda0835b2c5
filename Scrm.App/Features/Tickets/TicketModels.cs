using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tickets;

/// <summary>What a client asks to open: an existing customer, or an inline new one with its site.</summary>
public sealed class NewTicketRequest
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    /// <summary>A <see cref="TicketType"/> name; text so that a wrong value gets a field error, not a parse failure.</summary>
    public string? Type { get; set; }

    /// <summary>Low, Normal (the default), High or Urgent.</summary>
    public string? Priority { get; set; }
    public long? CustomerId { get; set; }
    public long? SiteId { get; set; }
    public NewCustomer? Customer { get; set; }
    public NewSite? Site { get; set; }
    public string? Region { get; set; }

    /// <summary>
    /// The values of the ticket type's template (field key → value: text, a list for multi selects, JSON from the API).
    /// Given, they are checked against the template's published version for the region and stored with the ticket,
    /// which keeps that version; omitted, the ticket carries no form.
    /// </summary>
    public Dictionary<string, object?>? Form { get; set; }
}

public sealed class NewCustomer
{
    public string? Name { get; set; }
    public string? Phone { get; set; }
}

public sealed class NewSite
{
    public string? Address { get; set; }
    public string? City { get; set; }
    public double? Lat { get; set; }
    public double? Lng { get; set; }
}

public sealed record TicketRow(long Id, string Number, string Title, TicketType Type, TicketPriority Priority,
    TicketStatus Status, string CustomerName, string City, string Region, long? AssigneeId, string? AssigneeName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record TicketEventView(DateTimeOffset At, string ActorName, TicketEventKind Kind, string? Field,
    string? Before, string? After, string? Comment);

public sealed record TicketDetail(TicketRow Row, string? Description, long CustomerId, long? SiteId, string SiteAddress,
    double Lat, double Lng, string UpdatedByName, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<TicketEventView> Events, IReadOnlyList<TicketStatus> AllowedTransitions, bool CanAssign, bool CanEdit, bool CanComment,
    TicketFormView? Form = null);

/// <summary>The template a ticket carries, at its own version, and its values as stored (JSON).</summary>
public sealed record TicketFormView(string Key, int Version, int? VariantVersion, string Values);

/// <summary>Whom to call on site: the customer's first contact, else the customer; a masked phone has no tel: link.</summary>
public sealed record TicketContact(string Name, string Phone, bool Masked)
{
    public string? CallLink => Masked ? null : "tel:" + Phone;
}

public enum TicketSort { CreatedAt, UpdatedAt, Number, Priority, Status }

public sealed record TicketFilter
{
    public TicketStatus? Status { get; init; }
    public string? Region { get; init; }
    public TicketPriority? Priority { get; init; }
    public string? Text { get; init; }
    public long? AssigneeId { get; init; }

    /// <summary>Work in hand opened before this instant (now minus <see cref="TicketWorkflow.OverdueAfter"/>): the 超时 list.</summary>
    public DateTimeOffset? OverdueBefore { get; init; }

    /// <summary>Open tickets nobody is assigned to: the dispatcher's to-do list.</summary>
    public bool UnassignedOnly { get; init; }
    public long? CustomerId { get; init; }
    public bool OpenOnly { get; init; }

    /// <summary>Open and not yet resolved (<see cref="TicketWorkflow.WorkInHandStatuses"/>): a technician's jobs to do.</summary>
    public bool WorkInHandOnly { get; init; }

    // Drill-down from the dashboards: the place and type of a tile, bar or cell, and when the tickets were created.
    public string? City { get; init; }
    public TicketType? Type { get; init; }

    /// <summary>Created at or after this instant (a local midnight: its offset is the business time zone's).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>With <see cref="CreatedFrom"/>: only tickets created on this weekday and/or in this local hour (a heatmap cell).</summary>
    public DayOfWeek? CreatedWeekday { get; init; }
    public int? CreatedHour { get; init; }

    /// <summary>Closed (its current <c>ClosedAt</c>) at or after / before these instants: the dashboards' Closed tile drills here.</summary>
    public DateTimeOffset? ClosedFrom { get; init; }
    public DateTimeOffset? ClosedBefore { get; init; }

    /// <summary>Resolved (its current <c>ResolvedAt</c>) in this range: what the SLA, first-time-fix and resolution-time tiles measure.</summary>
    public DateTimeOffset? ResolvedFrom { get; init; }
    public DateTimeOffset? ResolvedBefore { get; init; }
    public TicketSort Sort { get; init; } = TicketSort.CreatedAt;
    public bool Descending { get; init; } = true;
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>Local business days (yyyy-MM-dd, inclusive) as the instants a filter compares with: the list's address and the API use them.</summary>
public static class TicketDays
{
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>The local midnight that begins <paramref name="day"/>.</summary>
    public static DateTimeOffset Start(BusinessClock clock, DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, clock.Zone.GetUtcOffset(midnight));
    }
}

/// <summary>The result of a create: the ticket and whether this call made it (false for an idempotent replay).</summary>
public sealed record CreatedTicket(TicketDetail Ticket, bool Created);
