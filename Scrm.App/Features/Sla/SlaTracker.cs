using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

/// <summary>
/// Keeps each ticket's clocks and escalation timers current: on creation, on every status move (a hold pauses, a
/// response stops a clock) and on a priority change (which may choose another policy). Idempotent on redelivery.
/// </summary>
public sealed class SlaTracker(WritePath writes, SlaRecalculator recalculator, TimeProvider clock) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>, IEventHandler<TicketEdited>
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) => RecomputeAsync(e, delivery, ct);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) => RecomputeAsync(e, delivery, ct);

    public Task HandleAsync(TicketEdited e, EventDelivery delivery, CancellationToken ct) =>
        e.Fields.Contains(nameof(Ticket.Priority)) ? RecomputeAsync(e, delivery, ct) : Task.CompletedTask;

    private Task RecomputeAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => recalculator.RecomputeAsync(db, e.AggregateId, clock.GetUtcNow(), token), ct);
}
