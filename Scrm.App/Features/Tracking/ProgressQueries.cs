using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Domain.Tracking;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// Reads a progress page by its token. A token that is malformed, unknown or expired gives null, one answer for all,
/// so that the page cannot be used to learn which tokens exist.
/// </summary>
public sealed class ProgressQueries(IDbContextFactory<ScrmDbContext> dbFactory, IOptions<TrackingOptions> options,
    IOptions<DispatchOptions> dispatch, Pricing.QuoteService quotes, BusinessClock businessClock, TimeProvider clock)
{
    /// <summary>The timeline lines a customer sees; edits, internal comments, escalations and flow notes stay in-house.</summary>
    private static readonly TicketEventKind[] Public = [TicketEventKind.Created, TicketEventKind.StatusChanged, TicketEventKind.Assigned, TicketEventKind.Rated];

    public async Task<long?> TicketOfAsync(string? token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        if (await TrackingTokens.TicketOfAsync(db, token, ct) is not { } ticketId) return null;
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.Status, t.ClosedAt, t.UpdatedAt }).SingleOrDefaultAsync(ct);
        if (ticket is null || TrackingExpiry.IsExpired(ticket.Status, ticket.ClosedAt, ticket.UpdatedAt, options.Value.DaysAfterClose, clock.GetUtcNow()))
            return null;
        return ticketId;
    }

    public async Task<ProgressView?> FindAsync(string? token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        if (await TrackingTokens.TicketOfAsync(db, token, ct) is not { } ticketId) return null;
        return await ViewAsync(db, ticketId, token!, ct);
    }

    /// <summary>
    /// The page of a ticket for a live broadcast to its viewers, with no token in it (each viewer has their own); null
    /// when the ticket is gone or its page has expired.
    /// </summary>
    public async Task<ProgressView?> FindByTicketAsync(long ticketId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await ViewAsync(db, ticketId, "", ct);
    }

    private async Task<ProgressView?> ViewAsync(ScrmDbContext db, long ticketId, string token, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Events).SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null || TrackingExpiry.IsExpired(ticket.Status, ticket.ClosedAt, ticket.UpdatedAt, options.Value.DaysAfterClose, clock.GetUtcNow()))
            return null;

        var timeline = ticket.Events.Where(e => Public.Contains(e.Kind)).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ProgressStep(businessClock.ToLocal(e.At), e.Kind,
                e.Kind == TicketEventKind.StatusChanged ? e.After : null,
                e.Kind == TicketEventKind.Assigned ? e.After : null,
                e.Kind is TicketEventKind.StatusChanged or TicketEventKind.Rated ? e.Comment : null))
            .ToList();

        ProgressTechnician? technician = null;
        ProgressTrip? trip = null;
        if (ticket.AssigneeId is { } assignee && await db.Technicians.AsNoTracking().SingleOrDefaultAsync(t => t.Id == assignee, ct) is { } tech)
        {
            technician = new ProgressTechnician(tech.Id, tech.Name, Initials(tech.Name), tech.Rating, tech.RatingCount);
            if (ticket.Status == TicketStatus.EnRoute)
            {
                var km = new GeoPoint(tech.Lat, tech.Lng).DistanceKmTo(new GeoPoint(ticket.Lat, ticket.Lng));
                trip = new ProgressTrip(tech.Lat, tech.Lng, tech.PositionAt, ticket.Lat, ticket.Lng,
                    new TravelModel(dispatch.Value.SpeedIn(ticket.City)).EtaMinutes(km));
            }
        }
        return new ProgressView(token, ticket.Id, ticket.Number, ticket.Title, ticket.Status, ticket.City, ticket.Version,
            timeline, technician, trip, await QuoteAsync(db, ticket.Id, ct), ticket.CustomerRating, ticket.CustomerRatingComment,
            ticket.CustomerName);
    }

    /// <summary>The ticket's quote as the customer sees it: lines and totals, no rules or costs; null while it has no lines.</summary>
    private async Task<ProgressQuote?> QuoteAsync(ScrmDbContext db, long ticketId, CancellationToken ct)
    {
        // Most tickets have no quote: one indexed read here spares pricing an empty quote on every page view.
        if (!await db.QuoteLines.AnyAsync(l => l.TicketId == ticketId, ct)) return null;
        var quote = await quotes.GetAsync(AccessScope.System, ticketId, ct);
        if (quote.Lines.Count == 0) return null;
        return new ProgressQuote(quote.Lines.Select(l => new ProgressQuoteLine(l.Description, l.Quantity, l.NetFen)).ToList(),
            quote.PayableFen, quote.Status == Pricing.QuoteStatus.Accepted, quote.Status == Pricing.QuoteStatus.Final);
    }

    /// <summary>Chinese names show their given name (the last one or two characters); others their initials.</summary>
    public static string Initials(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) return "?";
        if (trimmed.Any(c => c >= 0x4E00 && c <= 0x9FFF)) return trimmed.Length <= 2 ? trimmed : trimmed[^2..];
        return string.Concat(trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(p => char.ToUpperInvariant(p[0])));
    }
}
