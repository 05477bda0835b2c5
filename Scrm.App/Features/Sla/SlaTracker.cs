using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Timers;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

/// <summary>
/// Keeps each ticket's clocks and escalation timers current: on creation, on every status move (a hold pauses, a
/// response stops a clock) and on a priority change (which may choose another policy). Idempotent on redelivery.
/// A burst of events is one write: each ticket in it is recomputed once, from its timeline as it stands.
/// </summary>
public sealed class SlaTracker(WritePath writes, SlaRecalculator recalculator, DueTimers timers, TimeProvider clock) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>, IEventHandler<TicketEdited>, IEventBatchHandler, IPositionedEventHandler
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) => RecomputeAsync(e, delivery, ct);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) => RecomputeAsync(e, delivery, ct);

    public Task HandleAsync(TicketEdited e, EventDelivery delivery, CancellationToken ct) =>
        e.Fields.Contains(nameof(Ticket.Priority)) ? RecomputeAsync(e, delivery, ct) : Task.CompletedTask;

    public Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct)
    {
        var relevant = events.Select(s => s.Event).Where(Moves).ToList();
        if (relevant.Count == 0) return Task.CompletedTask;
        // A recomputation reads the ticket's whole timeline, not the event: once per ticket gives what once per event would.
        // It only reads and tracks, so it runs before the write gate (ADR 0040); the ticket and SLA row tokens and the
        // timer check catch anyone who wrote them in between.
        return writes.RunOnceAsync(handler, relevant,
            (db, fresh, token) => recalculator.RecomputeManyAsync(db, fresh.Select(e => e.AggregateId).Distinct().ToList(), clock.GetUtcNow(), token),
            // A new ticket's ladder is several timers: one INSERT for the batch's rather than one command per timer.
            (db, _, token) => timers.InsertAddedAsync(db, token), ct);
    }

    private static bool Moves(Scrm.Domain.Common.DomainEvent e) => e switch
    {
        TicketCreated or TicketStatusChanged => true,
        TicketEdited edited => edited.Fields.Contains(nameof(Ticket.Priority)),
        _ => false,
    };

    private Task RecomputeAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => recalculator.RecomputeAsync(db, e.AggregateId, clock.GetUtcNow(), token), ct);
}
