using Scrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Timers;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// "Not accepted in time → next technician": each auto-dispatch starts a durable timer for the policy's acceptance
/// time. When it fires and the ticket is still Assigned to that technician, the miss goes on the timeline as a
/// ReassignToBackup escalation, which <see cref="EscalationReassign"/> answers by offering the ticket to the next
/// candidate. One timer per assignment, so a restart loses no wait and a redelivery starts no second one.
/// </summary>
public sealed class AcceptanceWatch(WritePath writes, DueTimers timers, DispatchPolicies policies,
    IDbContextFactory<ScrmDbContext> dbFactory, TimeProvider clock) : IEventHandler<TicketAssigned>, ITimerHandler, IPositionedEventHandler
{
    public const string TimerKind = "accept";

    public string Kind => TimerKind;

    public static string TimerKey(long ticketId, long technicianId, Guid assignment) => $"accept:{ticketId}:{technicianId}:{assignment:N}";

    public async Task HandleAsync(TicketAssigned e, EventDelivery delivery, CancellationToken ct)
    {
        if (e.ActorId != AutoDispatcher.Scope.Actor.Id) return;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
        {
            var type = await db.Tickets.Where(t => t.Id == e.AggregateId).Select(t => (TicketType?)t.Type).FirstOrDefaultAsync(ct);
            if (type is null) return;
            var policy = await policies.ForAsync(type.Value, e.Region, ct);
            if (!policy.AutoDispatch) return;
            var dueAt = e.OccurredAt.AddMinutes(policy.AcceptWithinMinutes);
            await writes.RunOnceAsync(delivery, e, (w, token) => timers.ScheduleAsync(w, TimerKind, TimerKey(e.AggregateId, e.TechnicianId, e.EventId),
                dueAt, e.AggregateId, DomainJson.Serialize(new AcceptanceTimer(e.TechnicianId, e.TechnicianName, policy.AcceptWithinMinutes)), token), ct);
        }
    }

    public async Task FireAsync(ScrmDbContext db, DueTimer timer, CancellationToken ct)
    {
        var waiting = DomainJson.Deserialize<AcceptanceTimer>(timer.Payload);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == timer.TicketId, ct);
        if (ticket is not { Status: TicketStatus.Assigned } || ticket.AssigneeId != waiting.TechnicianId) return;
        ticket.RecordEscalation("dispatch", nameof(EscalationAction.ReassignToBackup), AppRoles.Dispatcher,
            $"{waiting.TechnicianName} 未在 {waiting.Minutes} 分钟内接单，转派下一位技师", AutoDispatcher.Scope.Actor, clock.GetUtcNow());
    }

    private sealed record AcceptanceTimer(long TechnicianId, string TechnicianName, int Minutes);
}
