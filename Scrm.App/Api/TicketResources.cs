using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Tickets;

namespace Scrm.App.Api;

/// <summary>A ticket as the API shows it; <see cref="AllowedTransitions"/> are the moves this caller may make next.</summary>
public sealed record TicketResource(
    long Id, string Number, TicketStatus Status, TicketType Type, TicketPriority Priority, string Title, string? Description,
    long CustomerId, string CustomerName, long? SiteId, string Address, string City, string Region, double Lat, double Lng,
    long? AssigneeId, string? AssigneeName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version,
    IReadOnlyList<TicketStatus> AllowedTransitions)
{
    public static TicketResource From(TicketDetail d) => new(
        d.Row.Id, d.Row.Number, d.Row.Status, d.Row.Type, d.Row.Priority, d.Row.Title, d.Description,
        d.CustomerId, d.Row.CustomerName, d.SiteId, d.SiteAddress, d.Row.City, d.Row.Region, d.Lat, d.Lng,
        d.Row.AssigneeId, d.Row.AssigneeName, d.Row.CreatedAt, d.Row.UpdatedAt, d.Row.Version, d.AllowedTransitions);
}

/// <summary>One line of a ticket list.</summary>
public sealed record TicketSummary(
    long Id, string Number, TicketStatus Status, TicketType Type, TicketPriority Priority, string Title,
    string CustomerName, string City, string Region, long? AssigneeId, string? AssigneeName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static TicketSummary From(TicketRow r) => new(
        r.Id, r.Number, r.Status, r.Type, r.Priority, r.Title, r.CustomerName, r.City, r.Region,
        r.AssigneeId, r.AssigneeName, r.CreatedAt, r.UpdatedAt, r.Version);
}

/// <summary>One page of a ticket list; <see cref="Page"/> counts from 0.</summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Total, int Page, int PageSize)
{
    public static TicketPage From(Paged<TicketRow> page) =>
        new(page.Items.Select(TicketSummary.From).ToList(), page.Total, page.Page, page.PageSize);
}

/// <summary>Moves a ticket to <see cref="To"/> (a status name). <see cref="ExpectedVersion"/> refuses the move if someone changed it since.</summary>
public sealed record TransitionRequest(string? To, string? Comment = null, long? ExpectedVersion = null);

/// <summary>Gives a ticket to a technician. <see cref="ExpectedVersion"/> refuses the change if someone changed it since.</summary>
public sealed record AssignmentRequest(long? TechnicianId, string? Comment = null, long? ExpectedVersion = null);
