using Scrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>A running ticket that can move to the newer version, or cannot and why (the nodes it waits at are gone).</summary>
public sealed record FlowMigrationTicket(long TicketId, string TicketNumber, IReadOnlyList<string> ActiveNodes, IReadOnlyList<string> MissingNodes);

public sealed record FlowMigrationPlan(string Key, int From, int To, IReadOnlyList<FlowMigrationTicket> Movable, IReadOnlyList<FlowMigrationTicket> Blocked);

/// <summary>
/// Moves running tickets from one version of a flow to another. A ticket moves only when every node it waits at exists
/// in the new version; it keeps its state and path, so steps done are never run again.
/// </summary>
public sealed class FlowMigration(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, FlowVersions versions, TimeProvider clock)
{
    public async Task<FlowMigrationPlan> PlanAsync(AccessScope scope, string key, int fromVersion, int toVersion, CancellationToken ct = default)
    {
        FlowAccess.EnsureDesigner(scope);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await PlanInAsync(db, key, fromVersion, toVersion, ct);
    }

    /// <summary>Moves the movable tickets (Admin only); each gets a "v1 → v2" line on its timeline. Returns the plan it carried out.</summary>
    public async Task<FlowMigrationPlan> MigrateAsync(AccessScope scope, string key, int fromVersion, int toVersion, CancellationToken ct = default)
    {
        if (!scope.IsIn(AppRoles.Admin)) throw new AccessDeniedException("Flow.MigrateDenied", "Only an Admin moves running tickets to another flow version.");
        return await writes.RunAsync(scope, async (db, token) =>
        {
            var plan = await PlanInAsync(db, key, fromVersion, toVersion, token);
            var ids = plan.Movable.Select(m => m.TicketId).ToList();
            var instances = await db.Set<FlowInstance>().Where(i => ids.Contains(i.TicketId)).ToListAsync(token);
            var tickets = await db.Tickets.IgnoreQueryFilters().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, token);
            var now = clock.GetUtcNow();
            foreach (var instance in instances)
            {
                instance.FlowVersion = toVersion;
                instance.UpdatedAt = now;
                instance.Version++;
                tickets[instance.TicketId].Note(TicketEventKind.Flow, FlowTexts.Migrated, $"v{fromVersion} → v{toVersion}", scope.Actor, now);
            }
            return plan;
        }, ct);
    }

    private async Task<FlowMigrationPlan> PlanInAsync(ScrmDbContext db, string key, int fromVersion, int toVersion, CancellationToken ct)
    {
        if (fromVersion == toVersion)
            throw new Scrm.Domain.Common.DomainRuleException("Flow.SameVersion", "Pick two different versions.", fromVersion);
        await versions.DefinitionAsync(db, key, fromVersion, ct);
        var target = await versions.DefinitionAsync(db, key, toVersion, ct);
        var running = await db.Set<FlowInstance>().AsNoTracking()
            .Where(i => i.TemplateKey == key && i.FlowVersion == fromVersion && !i.Finished)
            .Join(db.Tickets.IgnoreQueryFilters(), i => i.TicketId, t => t.Id, (i, t) => new { i.TicketId, t.Number, i.StateJson })
            .OrderBy(r => r.TicketId).ToListAsync(ct);
        var movable = new List<FlowMigrationTicket>();
        var blocked = new List<FlowMigrationTicket>();
        foreach (var row in running)
        {
            var state = DomainJson.Deserialize<FlowInstanceState>(row.StateJson);
            var waiting = state.Active.Select(a => a.NodeId).Concat(state.Arrivals.Select(a => a.JoinId)).Distinct().ToList();
            var missing = waiting.Where(id => target.Node(id) is null).ToList();
            (missing.Count == 0 ? movable : blocked).Add(new FlowMigrationTicket(row.TicketId, row.Number, waiting, missing));
        }
        return new FlowMigrationPlan(key, fromVersion, toVersion, movable, blocked);
    }
}
