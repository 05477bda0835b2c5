using Scrm.Domain.Common;

namespace Scrm.Domain.Tickets;

/// <summary>
/// The ticket life cycle: which status may follow which, and what each move needs.
/// New → Assigned → Accepted → EnRoute → OnSite → InProgress ↔ OnHold → Resolved → Closed;
/// Cancelled before the work is done; Reopened after it.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Next = new()
    {
        [TicketStatus.New] = [TicketStatus.Assigned, TicketStatus.Cancelled],
        [TicketStatus.Assigned] = [TicketStatus.Accepted, TicketStatus.New, TicketStatus.Cancelled],
        [TicketStatus.Accepted] = [TicketStatus.EnRoute, TicketStatus.Cancelled],
        [TicketStatus.EnRoute] = [TicketStatus.OnSite, TicketStatus.Cancelled],
        [TicketStatus.OnSite] = [TicketStatus.InProgress],
        [TicketStatus.InProgress] = [TicketStatus.OnHold, TicketStatus.Resolved],
        [TicketStatus.OnHold] = [TicketStatus.InProgress, TicketStatus.Cancelled],
        [TicketStatus.Resolved] = [TicketStatus.Closed, TicketStatus.Reopened],
        [TicketStatus.Closed] = [TicketStatus.Reopened],
        [TicketStatus.Cancelled] = [],
        [TicketStatus.Reopened] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Cancelled],
    };

    /// <summary>Moves that must say why (shown on the timeline and to the customer).</summary>
    private static readonly HashSet<TicketStatus> NeedsComment =
        [TicketStatus.OnHold, TicketStatus.Cancelled, TicketStatus.Reopened];

    public static IReadOnlyList<TicketStatus> AllowedFrom(TicketStatus from) => Next[from];

    public static bool CanMove(TicketStatus from, TicketStatus to) => Next[from].Contains(to);

    public static bool RequiresComment(TicketStatus to) => NeedsComment.Contains(to);

    /// <summary>
    /// Open: not finished for good. Lists, customer counts and the "open first" default use this; a resolved
    /// ticket is still open until the customer confirms and it is closed (or it is reopened).
    /// </summary>
    /// <summary>
    /// How long work in hand may wait before it counts as overdue (red on the board, the 超时 filter), until the SLA
    /// module gives each ticket its own clock.
    /// </summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromDays(1);

    public static readonly IReadOnlyList<TicketStatus> OpenStatuses =
        Enum.GetValues<TicketStatus>().Where(s => s is not (TicketStatus.Closed or TicketStatus.Cancelled)).ToArray();

    /// <summary>
    /// Work in hand: open and not yet resolved. A technician's workload, edits of what the ticket is about
    /// and the age badges count these; once resolved nobody has to act on it but the customer.
    /// </summary>
    public static readonly IReadOnlyList<TicketStatus> WorkInHandStatuses =
        OpenStatuses.Where(s => s is not TicketStatus.Resolved).ToArray();

    /// <summary>Statuses in which a ticket may be given (again) to a technician.</summary>
    public static readonly IReadOnlyList<TicketStatus> AssignableStatuses =
        [TicketStatus.New, TicketStatus.Assigned, TicketStatus.Reopened];

    public static bool IsOpen(TicketStatus status) => OpenStatuses.Contains(status);

    public static bool IsWorkInHand(TicketStatus status) => WorkInHandStatuses.Contains(status);

    public static bool IsAssignable(TicketStatus status) => AssignableStatuses.Contains(status);

    internal static void EnsureCanMove(TicketStatus from, TicketStatus to, bool hasAssignee, string? comment)
    {
        if (!CanMove(from, to))
            throw new DomainRuleException("Ticket.IllegalTransition",
                $"A ticket cannot move from {from} to {to}.", from, to);
        if (to == TicketStatus.Assigned && !hasAssignee)
            throw new DomainRuleException("Ticket.AssigneeRequired",
                "Choose a technician before moving the ticket to Assigned.");
        if (RequiresComment(to) && string.IsNullOrWhiteSpace(comment))
            throw new DomainRuleException("Ticket.CommentRequired",
                $"Moving a ticket to {to} needs a reason.", to);
    }
}
