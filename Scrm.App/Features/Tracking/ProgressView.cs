using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>What the customer's progress page shows; nothing here is internal (no phones, no staff comments).</summary>
public sealed record ProgressView(
    string Token, long TicketId, string Number, string Title, TicketStatus Status, string City, long Version,
    IReadOnlyList<ProgressStep> Timeline, ProgressTechnician? Technician, ProgressTrip? Trip, ProgressQuote? Quote,
    int? Stars, string? RatingComment, string CustomerName = "")
{
    public bool CanConfirm => Status == TicketStatus.Resolved;
    public bool CanRate => Status == TicketStatus.Closed && Stars is null;
}

/// <summary>One line of the parcel-style timeline, at local (business) time; <see cref="Text"/> is a resource key or a name.</summary>
public sealed record ProgressStep(DateTimeOffset LocalAt, TicketEventKind Kind, string? Status, string? Name, string? Comment);

public sealed record ProgressTechnician(long Id, string Name, string Initials, double? Rating, int RatingCount);

/// <summary>The technician on the way: their newest position, the site and the minutes left by the dispatch travel model.</summary>
public sealed record ProgressTrip(double Lat, double Lng, DateTimeOffset? PositionAt, double SiteLat, double SiteLng, int EtaMinutes);

/// <summary>The quote the customer is asked to accept (or the final bill), line by line, in fen.</summary>
public sealed record ProgressQuote(IReadOnlyList<ProgressQuoteLine> Lines, long TotalFen, bool Accepted, bool Final)
{
    public bool CanAccept => !Accepted && !Final && Lines.Count > 0;
}

public sealed record ProgressQuoteLine(string Description, decimal Quantity, long NetFen);
