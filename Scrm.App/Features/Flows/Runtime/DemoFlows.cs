using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// The demo's flows, published as head-office flows, and flow instances for the demo's open tickets that match where
/// each ticket stands (the flow started when it was opened, then every status it reached, at the time it reached it),
/// so the ticket pages and the designer's bottleneck overlay have something to show on first start.
/// </summary>
public static class DemoFlows
{
    public static IReadOnlyList<(FlowDefinition Flow, TicketType Type)> Published { get; } =
    [
        (SampleFlows.Repair(), TicketType.Repair),
        (SampleFlows.Installation(), TicketType.Installation),
        (SampleFlows.Complaint(), TicketType.Complaint),
        (SampleFlows.DiscountApproval(), TicketType.Return),
    ];

    private static readonly Actor Seeder = new("seed-admin", "系统管理员");

    /// <summary>Publishes the demo flows unless some flow exists already; true when it did.</summary>
    public static async Task<bool> PublishIfNoneAsync(IDbContextFactory<ScrmDbContext> dbFactory, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        if (await db.FlowTemplates.AnyAsync(ct)) return false;
        foreach (var (flow, type) in Published)
        {
            var template = FlowTemplate.Create(flow.Key, flow.Name, null, type, null);
            template.SaveDraft(flow, Seeder, now);
            template.Publish(Seeder, now, FlowValidator.Validate(template.Draft!.Definition));
            db.Add(template);
        }
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Starts the published flow of every open ticket that has none, replaying the statuses it went through.</summary>
    public static async Task StartOpenTicketsAsync(IServiceProvider services, CancellationToken ct)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        var templates = services.GetRequiredService<FlowTemplates>();
        var effects = services.GetRequiredService<FlowEffects>();
        var facts = services.GetRequiredService<FlowFactsReader>();
        var types = Published.Select(p => p.Type).ToList();
        List<long> ids;
        await using (var probe = await dbFactory.CreateForAsync(AccessScope.System, ct))
            ids = await probe.Tickets.Where(t => types.Contains(t.Type) && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled
                    && !probe.Set<FlowInstance>().Any(i => i.TicketId == t.Id))
                .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(200))
        {
            await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
            db.SuppressAudit = true;
            var tickets = await db.Tickets.Include(t => t.Events).AsSplitQuery().Where(t => chunk.Contains(t.Id)).ToListAsync(ct);
            foreach (var ticket in tickets)
            {
                if (await templates.ForTicketAsync(ticket.Type, ticket.Region, ct) is not { } flow) continue;
                var instance = new FlowInstance
                {
                    TicketId = ticket.Id, TemplateKey = flow.Key, FlowVersion = flow.Version, StartedAt = ticket.CreatedAt,
                };
                db.Add(instance);
                var started = FlowEngine.Start(flow.Definition, await facts.FactsAsync(db, ticket, ct) with { Status = TicketStatus.New }, ticket.CreatedAt);
                await effects.ApplyAsync(db, instance, flow.Definition, ticket, started, ticket.CreatedAt, ct);
                foreach (var moved in ticket.Events.Where(e => e.Kind == TicketEventKind.StatusChanged).OrderBy(e => e.At).ToList())
                {
                    if (!Enum.TryParse<TicketStatus>(moved.After, out var status)) continue;
                    var state = instance.State();
                    var step = FlowEngine.Apply(flow.Definition, state, new StatusReached(status),
                        await facts.FactsAsync(db, ticket, ct) with { Status = status }, moved.At);
                    if (!ReferenceEquals(step.State, state)) await effects.ApplyAsync(db, instance, flow.Definition, ticket, step, moved.At, ct);
                }
                ticket.ClearDomainEvents();
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
