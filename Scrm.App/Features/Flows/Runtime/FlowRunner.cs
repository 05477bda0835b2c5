using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
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
    FlowEffects effects, TimeProvider clock) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>, IEventHandler<TicketEdited>, IEventBatchHandler
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) => OnceAsync(delivery, e, ct);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) => OnceAsync(delivery, e, ct);

    public Task HandleAsync(TicketEdited e, EventDelivery delivery, CancellationToken ct) => OnceAsync(delivery, e, ct);

    // A burst of new tickets arrives as one batch: one transaction and one published-flow lookup per type and region.
    public Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct)
    {
        var batch = events.Select(s => s.Event).Where(e => e is TicketCreated or TicketStatusChanged or TicketEdited).ToList();
        if (batch.Count == 0) return Task.CompletedTask;
        var published = new Dictionary<(TicketType, string), PublishedFlow?>();
        return writes.RunOnceAsync(handler, batch, async (db, fresh, token) =>
        {
            foreach (var e in fresh.OfType<TicketDomainEvent>()) await ApplyAsync(db, e, published, token);
        }, ct);
    }

    private Task OnceAsync(EventDelivery delivery, TicketDomainEvent e, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => ApplyAsync(db, e, new(), token), ct);

    private Task ApplyAsync(ScrmDbContext db, TicketDomainEvent e, Dictionary<(TicketType, string), PublishedFlow?> published,
        CancellationToken ct) => e switch
        {
            TicketCreated created => StartAsync(db, created, published, ct),
            TicketStatusChanged moved => MovedAsync(db, moved, ct),
            TicketEdited => EditedAsync(db, e.AggregateId, ct),
            _ => Task.CompletedTask,
        };

    private async Task StartAsync(ScrmDbContext db, TicketCreated e, Dictionary<(TicketType, string), PublishedFlow?> published,
        CancellationToken ct)
    {
        if (!published.TryGetValue((e.Type, e.Region), out var flow))
            published[(e.Type, e.Region)] = flow = await templates.ForTicketAsync(e.Type, e.Region, ct);
        if (flow is null || await FlowInstances.FindAsync(db, e.AggregateId, ct) is not null) return;
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == e.AggregateId, ct);
        if (ticket is null) return;
        await StartAsync(db, ticket, flow.Key, flow.Version, flow.Definition, clock.GetUtcNow(), ct);
    }

    /// <summary>Starts <paramref name="flow"/> for <paramref name="ticket"/> on the given version; the seeder starts demo tickets' flows the same way.</summary>
    public async Task<FlowInstance> StartAsync(ScrmDbContext db, Ticket ticket, string key, int version, FlowDefinition flow,
        DateTimeOffset now, CancellationToken ct)
    {
        var instance = new FlowInstance { TicketId = ticket.Id, TemplateKey = key, FlowVersion = version, StartedAt = now };
        db.Add(instance);
        var step = FlowEngine.Start(flow, await facts.FactsAsync(db, ticket, ct), now);
        await effects.ApplyAsync(db, instance, flow, ticket, step, now, ct);
        return instance;
    }

    private async Task MovedAsync(ScrmDbContext db, TicketStatusChanged e, CancellationToken ct)
    {
        await SignalAsync(db, e.AggregateId, new StatusReached(e.To), ct);
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
    private async Task EditedAsync(ScrmDbContext db, long ticketId, CancellationToken ct)
    {
        if (await SignalAsync(db, ticketId, new FactsChanged(), ct) is not { } ticket) return;
        foreach (var section in await facts.CompleteSectionsAsync(ticket, ct))
            await SignalAsync(db, ticketId, new SectionCompleted(section), ct);
    }

    /// <summary>Applies <paramref name="signal"/> to the ticket's running flow; returns the ticket when it has one.</summary>
    public async Task<Ticket?> SignalAsync(ScrmDbContext db, long ticketId, FlowSignal signal, CancellationToken ct)
    {
        var instance = await FlowInstances.FindAsync(db, ticketId, ct);
        if (instance is null) return null;
        var ticket = await db.Tickets.IgnoreQueryFilters().FirstAsync(t => t.Id == ticketId, ct);
        if (instance.Finished) return ticket;
        var flow = await versions.DefinitionAsync(db, instance, ct);
        var now = clock.GetUtcNow();
        var state = instance.State();
        var step = FlowEngine.Apply(flow, state, signal, await facts.FactsAsync(db, ticket, ct), now);
        // The engine hands back the same state when nothing waited for the signal: nothing to store.
        if (!ReferenceEquals(step.State, state)) await effects.ApplyAsync(db, instance, flow, ticket, step, now, ct);
        return ticket;
    }
}

/// <summary>Finding a ticket's flow instance, also one added earlier in the same write.</summary>
public static class FlowInstances
{
    public static async Task<FlowInstance?> FindAsync(ScrmDbContext db, long ticketId, CancellationToken ct) =>
        db.Set<FlowInstance>().Local.FirstOrDefault(i => i.TicketId == ticketId)
        ?? await db.Set<FlowInstance>().FirstOrDefaultAsync(i => i.TicketId == ticketId, ct);
}
