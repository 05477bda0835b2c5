using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Flows;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Shared;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

/// <summary>A host of its own: a repair flow without 上门到场 must not reach the other flow tests' new tickets.</summary>
public sealed class FlowMigrationHost : TestApp;

/// <summary>
/// v1 设备维修  start → dispatch → accept → onsite → repair → confirm → settle → end
/// v2           start → dispatch → accept → repair → confirm → settle → end   (上门到场 dropped)
/// </summary>
public sealed class FlowMigrationTests(FlowMigrationHost app) : IClassFixture<FlowMigrationHost>
{
    private readonly FlowRuntimeKit _kit = new(app);

    private static FlowDefinition WithoutOnSite()
    {
        var v1 = SampleFlows.Repair();
        return v1 with
        {
            Nodes = v1.Nodes.Where(n => n.Id != "onsite").ToList(),
            Edges = v1.Edges.Where(e => e.From != "onsite" && e.To != "onsite")
                .Append(new FlowEdge { Id = "accept-repair", From = "accept", To = "repair" }).ToList(),
        };
    }

    [Fact]
    public async Task MigrationMovesOnlyTicketsWhoseNodesExistAndNeverRerunsDoneSteps()
    {
        var waiting = await _kit.CreateAsync(TicketType.Repair);
        var onSite = await _kit.CreateAsync(TicketType.Repair);
        await _kit.WalkAsync(onSite, TicketStatus.Assigned, TicketStatus.Accepted);
        var from = (await _kit.ActiveAtAsync(onSite, "onsite")).FlowVersion;
        var before = await _kit.ActiveAtAsync(waiting, "dispatch");
        var flows = app.Get<FlowTemplates>();
        await flows.SaveDraftAsync(TestApp.Admin, "equipment-repair", WithoutOnSite());
        var to = (await flows.PublishAsync(TestApp.Admin, "equipment-repair")).Published!.Number;
        var migration = app.Get<FlowMigration>();

        var plan = await migration.PlanAsync(TestApp.Admin, "equipment-repair", from, to);
        plan.Movable.ShouldContain(t => t.TicketId == waiting);
        plan.Blocked.Single(t => t.TicketId == onSite).MissingNodes.ShouldBe(["onsite"]);
        await Should.ThrowAsync<AccessDeniedException>(() => migration.MigrateAsync(TestApp.Dispatcher("华东"), "equipment-repair", from, to));

        await migration.MigrateAsync(TestApp.Admin, "equipment-repair", from, to);

        var moved = await _kit.InstanceAsync(waiting);
        moved.FlowVersion.ShouldBe(to);
        moved.StateJson.ShouldBe(before.StateJson);
        (await _kit.InstanceAsync(onSite)).FlowVersion.ShouldBe(from);
        (await _kit.TimelineAsync(waiting, TicketEventKind.Flow)).ShouldContain(e => e.Field == FlowTexts.Migrated && e.After == $"v{from} → v{to}");

        await _kit.WalkAsync(waiting, TicketStatus.Assigned, TicketStatus.Accepted);
        var after = await _kit.ActiveAtAsync(waiting, "repair");
        after.State().Path.Select(p => p.NodeId).ShouldBe(["start", "dispatch", "accept", "repair"]);
        (await _kit.VisitsAsync(waiting)).Count(v => v.NodeId == "start").ShouldBe(1);
    }
}
