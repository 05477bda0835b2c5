using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Technicians;

/// <summary>
/// A technician's status follows their work: busy while they hold work in hand, available when it is done.
/// Off duty and on leave are people's decisions and are left alone.
/// </summary>
public sealed class TechnicianWorkload(WritePath writes) :
    IEventHandler<TicketAssigned>, IEventHandler<TicketStatusChanged>, IPositionedEventHandler
{
    public Task HandleAsync(TicketAssigned e, EventDelivery delivery, CancellationToken ct) =>
        RefreshOnceAsync(delivery, e, [e.PreviousTechnicianId, e.TechnicianId], ct);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) =>
        RefreshOnceAsync(delivery, e, [e.AssigneeId, e.PreviousAssigneeId], ct);

    // Most changes of a new ticket concern nobody yet: no technician, no transaction.
    private Task RefreshOnceAsync(EventDelivery delivery, Scrm.Domain.Common.DomainEvent e, long?[] technicianIds, CancellationToken ct) =>
        technicianIds.All(id => id is null)
            ? Task.CompletedTask
            : writes.RunOnceAsync(delivery, e, (db, token) => RefreshAsync(db, technicianIds, token), ct);

    private static async Task RefreshAsync(ScrmDbContext db, long?[] technicianIds, CancellationToken ct)
    {
        var ids = technicianIds.OfType<long>().Distinct().ToList();
        var technicians = await db.Technicians.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var busy = await db.Tickets.Where(t => t.AssigneeId != null && ids.Contains(t.AssigneeId.Value) &&
                                               TicketWorkflow.WorkInHandStatuses.Contains(t.Status))
            .Select(t => t.AssigneeId!.Value).Distinct().ToListAsync(ct);
        foreach (var technician in technicians)
        {
            if (technician.Status is not (TechnicianStatus.Available or TechnicianStatus.Busy)) continue;
            technician.SetStatus(busy.Contains(technician.Id) ? TechnicianStatus.Busy : TechnicianStatus.Available);
        }
    }
}
