using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch.Roster;

/// <summary>
/// Keeps the roster's load and ratings current: an assignment, a status change or a rating reads the technicians it
/// touched again. It only reads and replaces in-memory facts, so a redelivered event does no harm. A rating folded
/// in by another handler after this one read is picked up by the next event or reload of that technician.
/// </summary>
public sealed class RosterWorkload(TechnicianRoster roster) :
    IEventHandler<TicketAssigned>, IEventHandler<TicketStatusChanged>, IEventHandler<TicketRated>
{
    public Task HandleAsync(TicketAssigned e, EventDelivery delivery, CancellationToken ct) =>
        RefreshAsync(ct, e.PreviousTechnicianId, e.TechnicianId);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) =>
        RefreshAsync(ct, e.AssigneeId, e.PreviousAssigneeId);

    public Task HandleAsync(TicketRated e, EventDelivery delivery, CancellationToken ct) => RefreshAsync(ct, e.AssigneeId);

    private Task RefreshAsync(CancellationToken ct, params long?[] technicianIds) =>
        roster.RefreshAsync(technicianIds.OfType<long>().Distinct().ToList(), ct);
}
