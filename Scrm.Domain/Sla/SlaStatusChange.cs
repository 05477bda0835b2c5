using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Sla;

/// <summary>One move of the ticket's status, the only input the clocks need from its timeline.</summary>
public sealed record SlaStatusChange(DateTimeOffset At, TicketStatus From, TicketStatus To)
{
    /// <summary>The status moves recorded on a ticket's timeline, in order; rows naming no known status are skipped.</summary>
    public static IReadOnlyList<SlaStatusChange> FromTimeline(IEnumerable<TicketEvent> timeline) => timeline
        .Where(e => e.Kind == TicketEventKind.StatusChanged)
        .Select(e => EnumNames.TryParse<TicketStatus>(e.Before, out var from) && EnumNames.TryParse<TicketStatus>(e.After, out var to)
            ? new SlaStatusChange(e.At, from, to) : null)
        .OfType<SlaStatusChange>()
        .OrderBy(c => c.At)
        .ToList();
}
