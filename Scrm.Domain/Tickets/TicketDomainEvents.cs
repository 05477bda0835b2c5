using Scrm.Domain.Common;

namespace Scrm.Domain.Tickets;

/// <summary>
/// What every ticket event carries, so that a handler can route it (region, assignee) without reading the ticket.
/// The values are the ticket's state right after the change.
/// </summary>
public abstract record TicketDomainEvent : DomainEvent
{
    public string Number { get; init; } = "";
    public string Region { get; init; } = "";
    public TicketStatus Status { get; init; }
    public long? AssigneeId { get; init; }
    public string ActorId { get; init; } = "";
    public string ActorName { get; init; } = "";
}

public sealed record TicketCreated(TicketType Type, TicketPriority Priority, long CustomerId, string City) : TicketDomainEvent;

/// <summary><see cref="PreviousAssigneeId"/> differs from the assignee only when the move took the ticket off them (back to New).</summary>
public sealed record TicketStatusChanged(TicketStatus From, TicketStatus To, string? Comment, long? PreviousAssigneeId) : TicketDomainEvent;

public sealed record TicketAssigned(long? PreviousTechnicianId, long TechnicianId, string TechnicianName) : TicketDomainEvent;

public sealed record TicketEdited(IReadOnlyList<string> Fields) : TicketDomainEvent;

public sealed record TicketCommented(string Comment) : TicketDomainEvent;

/// <summary>The assigned technician is about <see cref="EtaMinutes"/> minutes from the site (once per trip).</summary>
public sealed record TechnicianArriving(int EtaMinutes) : TicketDomainEvent;

/// <summary>
/// Someone must act: an SLA ladder step or a flow's time limit. <see cref="Source"/> is "sla" or "flow";
/// <see cref="Action"/> the step (RemindAssignee, NotifySupervisor, ReassignToBackup, NotifyManager, VoiceCall, TimeLimit);
/// <see cref="Role"/> who should hear of it (null: the assignee). Notifications and dispatch react to it.
/// </summary>
public sealed record TicketEscalated(string Source, string Action, string? Role, string Reason) : TicketDomainEvent;

/// <summary>A line the flow or SLA module put on the ticket's timeline (<see cref="Kind"/> Flow or Sla), so open screens refresh.</summary>
public sealed record TicketNoted(TicketEventKind Kind, string What, string? Detail) : TicketDomainEvent;

/// <summary>The customer confirmed on the progress page that the resolved work is done; the ticket closed with it.</summary>
public sealed record TicketCompletionConfirmed : TicketDomainEvent;

/// <summary>The customer rated the finished work (once per ticket); <see cref="TicketDomainEvent.AssigneeId"/> is the technician rated.</summary>
public sealed record TicketRated(int Stars, string? Comment) : TicketDomainEvent;

/// <summary>
/// An SLA clock of the ticket has used <see cref="AtPercent"/> % of its target without breaching (a warning step of its
/// policy's ladder); <see cref="Metric"/> is the SlaMetric's name, <see cref="DueAt"/> when it breaches if nothing changes.
/// Raised once per clock and step; notifications react to it.
/// </summary>
public sealed record TicketSlaWarning(string Metric, int AtPercent, DateTimeOffset DueAt) : TicketDomainEvent;

/// <summary>An SLA clock of the ticket passed its target (<see cref="BreachedAt"/>, back-dated after a repair). Raised once per clock.</summary>
public sealed record TicketSlaBreached(string Metric, DateTimeOffset DueAt, DateTimeOffset BreachedAt) : TicketDomainEvent;
