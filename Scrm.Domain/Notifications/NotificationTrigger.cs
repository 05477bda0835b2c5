using System.Globalization;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Notifications;

/// <summary>
/// A ticket event as rules see it: which <see cref="NotificationEvent"/> it is, the escalation action if any, and the
/// placeholder values it brings (the handler adds those it reads elsewhere: customer, technician, tracking link).
/// </summary>
public sealed record NotificationTrigger(NotificationEvent Event, string? Action, TicketDomainEvent Source,
    IReadOnlyDictionary<string, string?> Values)
{
    /// <summary>Whether the event is one rules can listen for; null for the others (edits, comments, holds).</summary>
    public static NotificationTrigger? From(TicketDomainEvent e)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["number"] = e.Number,
            ["status"] = e.Status.ToString(),
        };
        switch (e)
        {
            case TicketCreated created:
                values["city"] = created.City;
                return new(NotificationEvent.Created, null, e, values);
            case TicketAssigned assigned:
                values["technician"] = assigned.TechnicianName;
                return new(NotificationEvent.Assigned, null, e, values);
            case TechnicianArriving arriving:
                values["eta"] = arriving.EtaMinutes.ToString(CultureInfo.InvariantCulture);
                return new(NotificationEvent.Arriving, null, e, values);
            case TicketEscalated escalated:
                values["reason"] = escalated.Reason;
                values["action"] = escalated.Action;
                return new(NotificationEvent.Escalation, escalated.Action, e, values);
            case TicketRated rated:
                values["stars"] = rated.Stars.ToString(CultureInfo.InvariantCulture);
                values["reason"] = rated.Comment;
                return new(NotificationEvent.RatingReceived, null, e, values);
            case TicketStatusChanged changed when StatusEvent(changed.To) is { } kind:
                if (changed.Comment is { Length: > 0 } comment) values["reason"] = comment;
                return new(kind, null, e, values);
            default:
                return null;
        }
    }

    private static NotificationEvent? StatusEvent(TicketStatus to) => to switch
    {
        TicketStatus.Accepted => NotificationEvent.Accepted,
        TicketStatus.EnRoute => NotificationEvent.EnRoute,
        TicketStatus.OnSite => NotificationEvent.OnSite,
        TicketStatus.Resolved => NotificationEvent.Resolved,
        TicketStatus.Closed => NotificationEvent.Closed,
        _ => null,
    };
}
