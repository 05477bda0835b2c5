using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Timers;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// Tickets follow their flow: a new ticket starts the published flow of its type and region; its moves, edits and
/// form sections move the flow on; a pipeline child closing moves its parent's. Every change is made once per event
/// (<see cref="WritePath.RunOnceAsync(EventDelivery, DomainEvent, Func{ScrmDbContext, CancellationToken, Task}, CancellationToken)"/>),
/// so a redelivery changes nothing.
/// </summary>
public sealed class FlowRunner(WritePath writes, FlowTemplates templates, FlowVersions versions, FlowFactsReader facts,
    FlowEffects effects, DueTimers timers, TimeProvider clock) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>, IEventHandler<TicketEdited>, IEventBatchHandler, IPositionedEventHandler
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) => OnceAsync(delivery, e, ct);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) => OnceAsync(delivery, e, ct);

    public Task HandleAsync(TicketEdited e, EventDelivery delivery, CancellationToken ct) => OnceAsync(delivery, e, ct);

    /// <summary>
    /// What one transaction of events has read already: published flows per type and region, and for a batch its tickets,
    /// their customers' tiers and which of them run no flow yet, each read with one query instead of one per event.
    /// </summary>
    private sealed class Reads
    {
        public Dictionary<(TicketType, string), PublishedFlow?> Published { get; } = [];
        public Dictionary<long, Scrm.Domain.Customers.CustomerTier>? Tiers { get; set; }
        public HashSet<long> WithoutInstance { get; } = [];

        // The batch's tickets and the instances it found or started, by ticket: looking them up in the change tracker
        // walked every tracked row once per event, quadratic in a batch of hundreds of tickets.
        public Dictionary<long, Ticket> Tickets { get; } = [];
        public Dictionary<long, FlowInstance> Instances { get; } = [];

        /// <summary>The batch's flow timers, read at once: a task's time limit is scheduled without a query per ticket.</summary>
        public TimerIndex? Timers { get; set; }
    }

    // A burst of new tickets arrives as one batch: one transaction, and its tickets, tiers and instances read at once.
    // The reads, the engine and its effects run before the write gate (ADR 0040); instance and ticket tokens, the timer
    // check and the unique keys catch anyone who wrote in between, and a pipeline child (which takes a ticket number)
    // makes the batch prepare inside the gate instead.
    public Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct)
    {
        var batch = events.Select(s => s.Event).Where(e => e is TicketCreated or TicketStatusChanged or TicketEdited).ToList();
        if (batch.Count == 0) return Task.CompletedTask;
        return writes.RunOnceAsync(handler, batch, async (db, fresh, token) =>
        {
            var reads = await ReadAheadAsync(db, fresh.Select(e => e.AggregateId).Distinct().ToList(), token);
            foreach (var e in fresh.OfType<TicketDomainEvent>()) await ApplyAsync(db, e, reads, token);
            return reads;
        }, (db, _, token) => timers.InsertAddedAsync(db, token), ct);
    }

    private async Task<Reads> ReadAheadAsync(ScrmDbContext db, List<long> ids, CancellationToken ct)
    {
        var reads = new Reads();
        var tickets = await db.Tickets.IgnoreQueryFilters().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        foreach (var ticket in tickets) reads.Tickets[ticket.Id] = ticket;
        var running = await db.Set<FlowInstance>().Where(i => ids.Contains(i.TicketId)).Select(i => i.TicketId).ToListAsync(ct);
        // Instances that exist are read when an event needs them; those that do not need no query at all.
        reads.WithoutInstance.UnionWith(ids.Except(running));
        var customers = tickets.Select(t => t.CustomerId).Distinct().ToList();
        reads.Timers = await timers.IndexAsync(db, FlowEffects.TimerKind, ids, ct);
        reads.Tiers = await db.Customers.IgnoreQueryFilters().Where(c => customers.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Tier, ct);
        return reads;
    }

    private Task OnceAsync(EventDelivery delivery, TicketDomainEvent e, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => ApplyAsync(db, e, new Reads(), token), ct);

    private Task ApplyAsync(ScrmDbContext db, TicketDomainEvent e, Reads reads, CancellationToken ct) => e switch
    {
        TicketCreated created => StartAsync(db, created, reads, ct),
        TicketStatusChanged moved => MovedAsync(db, moved, reads, ct),
        TicketEdited => EditedAsync(db, e.AggregateId, reads, ct),
        _ => Task.CompletedTask,
    };

    private async Task StartAsync(ScrmDbContext db, TicketCreated e, Reads reads, CancellationToken ct)
    {
        if (!reads.Published.TryGetValue((e.Type, e.Region), out var flow))
            reads.Published[(e.Type, e.Region)] = flow = await templates.ForTicketAsync(e.Type, e.Region, ct);
        if (flow is null || await InstanceAsync(db, e.AggregateId, reads, ct) is not null) return;
        if (await TicketAsync(db, e.AggregateId, reads, ct) is not { } ticket) return;
        reads.Instances[ticket.Id] = await StartAsync(db, ticket, flow.Key, flow.Version, flow.Definition, clock.GetUtcNow(), ct, reads.Tiers,
            reads.Timers);
    }

    private static async Task<Ticket?> TicketAsync(ScrmDbContext db, long ticketId, Reads reads, CancellationToken ct)
    {
        if (reads.Tickets.TryGetValue(ticketId, out var read)) return read;
        var ticket = db.Tracked<Ticket>().FirstOrDefault(t => t.Id == ticketId)
            ?? await db.Tickets.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is not null) reads.Tickets[ticketId] = ticket;
        return ticket;
    }

    private static async Task<FlowInstance?> InstanceAsync(ScrmDbContext db, long ticketId, Reads reads, CancellationToken ct)
    {
        if (reads.Instances.TryGetValue(ticketId, out var known)) return known;
        // A ticket the read-ahead found without an instance has none unless this write started it (then it is known above).
        var instance = reads.WithoutInstance.Contains(ticketId) ? null : await FlowInstances.FindAsync(db, ticketId, ct);
        if (instance is not null) reads.Instances[ticketId] = instance;
        return instance;
    }

    /// <summary>Starts <paramref name="flow"/> for <paramref name="ticket"/> on the given version; the seeder starts demo tickets' flows the same way.</summary>
    public async Task<FlowInstance> StartAsync(ScrmDbContext db, Ticket ticket, string key, int version, FlowDefinition flow,
        DateTimeOffset now, CancellationToken ct, IReadOnlyDictionary<long, Scrm.Domain.Customers.CustomerTier>? tiers = null,
        TimerIndex? timerIndex = null)
    {
        var instance = new FlowInstance { TicketId = ticket.Id, TemplateKey = key, FlowVersion = version, StartedAt = now };
        db.Add(instance);
        var step = FlowEngine.Start(flow, await facts.FactsAsync(db, ticket, ct, tiers), now);
        await effects.ApplyAsync(db, instance, flow, ticket, step, now, ct, timerIndex);
        return instance;
    }

    private async Task MovedAsync(ScrmDbContext db, TicketStatusChanged e, Reads reads, CancellationToken ct)
    {
        await SignalAsync(db, e.AggregateId, new StatusReached(e.To), ct, reads);
        if (e.To != TicketStatus.Closed) return;
        var parentId = await db.Tickets.IgnoreQueryFilters().Where(t => t.Id == e.AggregateId).Select(t => t.ParentTicketId).FirstOrDefaultAsync(ct);
        if (parentId is null) return;
        var created = await db.TicketEvents.IgnoreQueryFilters()
            .Where(t => t.TicketId == e.AggregateId && t.Kind == TicketEventKind.Flow && t.Field == FlowTexts.ChildStep)
            .Select(t => t.After).FirstOrDefaultAsync(ct);
        if (FlowTexts.ParseStepRef(created) is var (nodeId, step))
            await SignalAsync(db, parentId.Value, new ChildClosed(nodeId, step), ct);
    }

    /// <summary>An edit re-checks the facts; a form whose section is now complete completes the tasks waiting for it.</summary>
    private async Task EditedAsync(ScrmDbContext db, long ticketId, Reads reads, CancellationToken ct)
    {
        if (await SignalAsync(db, ticketId, new FactsChanged(), ct, reads) is not { } ticket) return;
        foreach (var section in await facts.CompleteSectionsAsync(ticket, ct))
            await SignalAsync(db, ticketId, new SectionCompleted(section), ct, reads);
    }

    /// <summary>Applies <paramref name="signal"/> to the ticket's running flow; returns the ticket when it has one.</summary>
    public Task<Ticket?> SignalAsync(ScrmDbContext db, long ticketId, FlowSignal signal, CancellationToken ct) =>
        SignalAsync(db, ticketId, signal, ct, new Reads());

    private async Task<Ticket?> SignalAsync(ScrmDbContext db, long ticketId, FlowSignal signal, CancellationToken ct, Reads reads)
    {
        var instance = await InstanceAsync(db, ticketId, reads, ct);
        if (instance is null) return null;
        var ticket = await TicketAsync(db, ticketId, reads, ct) ?? throw new InvalidOperationException($"Ticket {ticketId} runs a flow but does not exist.");
        if (instance.Finished) return ticket;
        var flow = await versions.DefinitionAsync(db, instance, ct);
        var now = clock.GetUtcNow();
        var state = instance.State();
        var step = FlowEngine.Apply(flow, state, signal, await facts.FactsAsync(db, ticket, ct, reads.Tiers), now);
        // The engine hands back the same state when nothing waited for the signal: nothing to store.
        if (!ReferenceEquals(step.State, state)) await effects.ApplyAsync(db, instance, flow, ticket, step, now, ct, reads.Timers);
        return ticket;
    }
}

/// <summary>Finding a ticket's flow instance, also one added earlier in the same write.</summary>
public static class FlowInstances
{
    public static async Task<FlowInstance?> FindAsync(ScrmDbContext db, long ticketId, CancellationToken ct) =>
        db.Tracked<FlowInstance>().FirstOrDefault(i => i.TicketId == ticketId)
        ?? await db.Set<FlowInstance>().FirstOrDefaultAsync(i => i.TicketId == ticketId, ct);
}
