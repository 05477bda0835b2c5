namespace Scrm.Domain.Notifications;

/// <summary>
/// What a rule listens for: ticket events, quote events and warehouse alerts (see <see cref="NotificationTrigger.From(Common.DomainEvent)"/>).
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
    /// <summary>A quote with a total the customer can accept (QuoteUpdated), at most once per ticket in a short window.</summary>
    QuoteReady,
    /// <summary>A quote crossed a threshold rule and took its flag (QuoteThresholdReached); the rule's action is the flag.</summary>
    QuoteThreshold,
    /// <summary>A warehouse's stock of a part fell below its reorder point (StockBelowReorderPoint); no ticket.</summary>
    StockLow,
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
