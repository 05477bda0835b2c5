using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Tickets;

namespace Scrm.App.Api;

/// <summary>
/// A ticket as the API shows it; <see cref="AllowedTransitions"/> are the moves this caller may make next and
/// <see cref="TrackingUrl"/> the customer's progress page (/t/{token}).
/// </summary>
public sealed record TicketResource(
    long Id, string Number, TicketStatus Status, TicketType Type, TicketPriority Priority, string Title, string? Description,
    long CustomerId, string CustomerName, long? SiteId, string Address, string City, string Region, double Lat, double Lng,
    long? AssigneeId, string? AssigneeName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version,
    IReadOnlyList<TicketStatus> AllowedTransitions, string? TrackingUrl)
{
    public static TicketResource From(TicketDetail d, string? trackingUrl) => new(
        d.Row.Id, d.Row.Number, d.Row.Status, d.Row.Type, d.Row.Priority, d.Row.Title, d.Description,
        d.CustomerId, d.Row.CustomerName, d.SiteId, d.SiteAddress, d.Row.City, d.Row.Region, d.Lat, d.Lng,
        d.Row.AssigneeId, d.Row.AssigneeName, d.Row.CreatedAt, d.Row.UpdatedAt, d.Row.Version, d.AllowedTransitions, trackingUrl);

    /// <summary>The resource with its progress link looked up (issued first, if the ticket is brand new).</summary>
    public static async Task<TicketResource> WithLinkAsync(TicketDetail d, Features.Tracking.TrackingLinks links, CancellationToken ct) =>
        From(d, await links.LinkForAsync(d.Row.Id, ct));
}

/// <summary>One line of a ticket list.</summary>
public sealed record TicketSummary(
    long Id, string Number, TicketStatus Status, TicketType Type, TicketPriority Priority, string Title,
    string CustomerName, string City, string Region, long? AssigneeId, string? AssigneeName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, string? TrackingUrl)
{
    public static TicketSummary From(TicketRow r, string? trackingUrl) => new(
        r.Id, r.Number, r.Status, r.Type, r.Priority, r.Title, r.CustomerName, r.City, r.Region,
        r.AssigneeId, r.AssigneeName, r.CreatedAt, r.UpdatedAt, r.Version, trackingUrl);
}

/// <summary>One page of a ticket list; <see cref="Page"/> counts from 0.</summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Total, int Page, int PageSize)
{
    public static TicketPage From(Paged<TicketRow> page, IReadOnlyDictionary<long, string> trackingUrls) =>
        new(page.Items.Select(r => TicketSummary.From(r, trackingUrls.GetValueOrDefault(r.Id))).ToList(), page.Total, page.Page, page.PageSize);
}

/// <summary>Moves a ticket to <see cref="To"/> (a status name). <see cref="ExpectedVersion"/> refuses the move if someone changed it since.</summary>
public sealed record TransitionRequest(string? To, string? Comment = null, long? ExpectedVersion = null);

/// <summary>Gives a ticket to a technician. <see cref="ExpectedVersion"/> refuses the change if someone changed it since.</summary>
public sealed record AssignmentRequest(long? TechnicianId, string? Comment = null, long? ExpectedVersion = null);
