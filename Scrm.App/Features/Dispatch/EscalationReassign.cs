using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// Dispatch's answer to a ReassignToBackup escalation (an SLA step, or an acceptance missed): a ticket assigned and
/// not accepted goes to the next candidate not tried; an accepted one keeps its technician (the escalation line is
/// all). A ticket still in the queue stays there for the dispatcher, whom the ladder's manager step tells: handing it
/// out by itself would be auto-dispatch, which its policy may have switched off. Only while the ticket is as the
/// escalation saw it, so a redelivery moves nothing twice.
/// </summary>
public sealed class EscalationReassign(AutoDispatcher dispatcher, IDbContextFactory<ScrmDbContext> dbFactory) : IEventHandler<TicketEscalated>
{
    public async Task HandleAsync(TicketEscalated e, EventDelivery delivery, CancellationToken ct)
    {
        if (e.Action != nameof(EscalationAction.ReassignToBackup) || e.Status is not TicketStatus.Assigned) return;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
        {
            var unchanged = await db.Tickets.AnyAsync(t => t.Id == e.AggregateId && t.Status == e.Status && t.AssigneeId == e.AssigneeId, ct);
            if (!unchanged) return;
        }
        await dispatcher.OfferAsync(e.AggregateId, ct);
    }
}
