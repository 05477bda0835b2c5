using Scrm.App.Events;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch.Roster;

/// <summary>
/// Keeps the roster's load and ratings current: an assignment, a status change or a technician's new average rating
/// reads the technicians it touched again. It only reads and replaces in-memory facts, so a redelivered event does no
/// harm. Ratings come from <see cref="TechnicianRated"/>, raised by the fold that changes the average: a handler of the
/// customer's TicketRated could read before the fold (another module's handler of the same event) commits.
/// </summary>
public sealed class RosterWorkload(TechnicianRoster roster) :
    IEventHandler<TicketAssigned>, IEventHandler<TicketStatusChanged>, IEventHandler<TechnicianRated>
{
    public Task HandleAsync(TicketAssigned e, EventDelivery delivery, CancellationToken ct) =>
        RefreshAsync(ct, e.PreviousTechnicianId, e.TechnicianId);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) =>
        RefreshAsync(ct, e.AssigneeId, e.PreviousAssigneeId);

    public Task HandleAsync(TechnicianRated e, EventDelivery delivery, CancellationToken ct) => RefreshAsync(ct, e.AggregateId);

    private Task RefreshAsync(CancellationToken ct, params long?[] technicianIds) =>
        roster.RefreshAsync(technicianIds.OfType<long>().Distinct().ToList(), ct);
}
