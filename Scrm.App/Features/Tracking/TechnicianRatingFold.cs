using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// A customer's rating goes into the rated technician's average (count and sum, so it stays exact), which dispatch
/// scoring and the technician list read. Once per rating, however often the event is delivered.
/// </summary>
public sealed class TechnicianRatingFold(WritePath writes) : IEventHandler<TicketRated>, IPositionedEventHandler
{
    public Task HandleAsync(TicketRated e, EventDelivery delivery, CancellationToken ct) =>
        e.AssigneeId is not { } technicianId
            ? Task.CompletedTask
            : writes.RunOnceAsync(delivery, e, async (db, token) =>
            {
                var technician = await db.Technicians.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.Id == technicianId, token);
                technician?.AddRating(e.Stars, e.OccurredAt);
            }, ct);
}
