namespace Scrm.Domain.Notifications;

/// <summary>
/// What a rule listens for. Kinds without a domain event today (SLA warning and breach as such, rating, quote) are
/// kept so that rules can be written now and start firing when their module raises the event.
/// </summary>
public enum NotificationEvent
{
    Created,
    Assigned,
    Accepted,
    EnRoute,
    /// <summary>The technician is about 15 minutes away (TechnicianArriving).</summary>
    Arriving,
    OnSite,
    Resolved,
    Closed,
    SlaWarning,
    SlaBreach,
    /// <summary>An SLA ladder step or a flow time limit asks someone to act (TicketEscalated).</summary>
    Escalation,
    RatingReceived,
    QuoteReady,
}

public enum NotificationChannel
{
    InApp,
    Email,
    Sms,
    WeCom,
    Voice,
}

/// <summary>Who a rule addresses; <see cref="Role"/> and <see cref="User"/> take a value (a role name, a user id).</summary>
public enum RecipientKind
{
    Customer,
    Assignee,
    /// <summary>The managers (supervisors) of the ticket's region.</summary>
    Manager,
    Dispatcher,
    Role,
    User,
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
    DeadLettered,
}
