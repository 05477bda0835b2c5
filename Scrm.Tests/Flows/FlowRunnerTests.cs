using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Flows;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

/// <summary>
/// Tickets follow their flow through the real outbox and handlers:
/// 设备维修  start → 派单(Assigned) → 接单(Accepted) → 上门到场(OnSite) → 维修(Resolved) → 客户确认(Closed) → 结算(settlement) → end
/// </summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowRunnerTests(FlowRuntimeHost app)
{
    private readonly FlowRuntimeKit _kit = new(app);

    private async Task<int> PublishedVersionAsync(string key) =>
        (await app.Get<FlowTemplates>().GetAsync(TestApp.Admin, key)).Published!.Number;

    [Fact]
    public async Task ACreatedRepairTicketGetsAnInstanceOnThePublishedVersion()
    {
        var published = await PublishedVersionAsync("equipment-repair");

        var id = await _kit.CreateAsync(TicketType.Repair);

        var instance = await _kit.ActiveAtAsync(id, "dispatch");
        instance.TemplateKey.ShouldBe("equipment-repair");
        instance.FlowVersion.ShouldBe(published);
        instance.State().Path.Select(p => p.NodeId).ShouldBe(["start", "dispatch"]);
        var task = (await _kit.TimelineAsync(id, TicketEventKind.Flow)).ShouldHaveSingleItem();
        task.Field.ShouldBe(FlowTexts.TaskAssigned);
        task.After.ShouldBe("派单 → 自动派单");
    }

    [Fact]
    public async Task ATicketOfATypeWithoutAPublishedFlowGetsNone()
    {
        var id = await _kit.CreateAsync(TicketType.Inspection);
        var repair = await _kit.CreateAsync(TicketType.Repair);
        await _kit.InstanceAsync(repair);  // handled after the inspection ticket: its turn has passed

        await using var db = await app.DbAsync();
        (await db.Set<FlowInstance>().AnyAsync(i => i.TicketId == id)).ShouldBeFalse();
    }

    [Fact]
    public async Task ThePathAdvancesWithTheTicketsStatusesAndRecordsEachVisit()
    {
        var id = await _kit.CreateAsync(TicketType.Repair);
        await _kit.ActiveAtAsync(id, "dispatch");

        await _kit.WalkAsync(id, TicketStatus.Assigned);
        await _kit.ActiveAtAsync(id, "accept");
        await _kit.WalkAsync(id, TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite);

        var instance = await _kit.ActiveAtAsync(id, "repair");
        instance.State().Path.Select(p => (p.NodeId, p.Outcome)).ShouldBe(
            [("start", "Done"), ("dispatch", "Done"), ("accept", "Done"), ("onsite", "Done"), ("repair", null)]);
        var visits = await _kit.VisitsAsync(id);
        visits.Select(v => v.NodeId).ShouldBe(["start", "dispatch", "accept", "onsite", "repair"]);
        visits.Count(v => v.LeftAt is null).ShouldBe(1);
        // The accept task's 30-minute limit was cancelled when the technician accepted in time.
        await using var db = await app.DbAsync();
        var timer = await db.DueTimers.AsNoTracking().SingleAsync(t => t.Key == FlowEffects.TimerKey(id, "accept#1:TimeLimit"));
        timer.CancelledAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task ARedeliveredEventChangesNothing()
    {
        var id = await _kit.CreateAsync(TicketType.Repair);
        await _kit.ActiveAtAsync(id, "dispatch");
        await _kit.WalkAsync(id, TicketStatus.Assigned);
        var before = await _kit.ActiveAtAsync(id, "accept");
        var timeline = (await _kit.TimelineAsync(id, TicketEventKind.Flow)).Count;
        var visits = (await _kit.VisitsAsync(id)).Count;

        await using (var db = await app.DbAsync())
        {
            var types = app.Get<EventTypes>();
            foreach (var row in await db.OutboxMessages.AsNoTracking().Where(m => m.AggregateId == id).OrderBy(m => m.Id).ToListAsync())
            {
                var e = types.Deserialize(row.Type, row.Payload);
                var runner = app.Get<FlowRunner>();
                var delivery = new EventDelivery(nameof(FlowRunner), row.Id, 2);
                switch (e)
                {
                    case TicketCreated created: await runner.HandleAsync(created, delivery, default); break;
                    case TicketStatusChanged moved: await runner.HandleAsync(moved, delivery, default); break;
                }
            }
        }

        var after = await _kit.InstanceAsync(id);
        after.Version.ShouldBe(before.Version);
        after.StateJson.ShouldBe(before.StateJson);
        (await _kit.TimelineAsync(id, TicketEventKind.Flow)).Count.ShouldBe(timeline);
        (await _kit.VisitsAsync(id)).Count.ShouldBe(visits);
    }

    [Fact]
    public async Task PublishingANewVersionLeavesRunningTicketsOnTheirsAndGivesNewTicketsTheNewOne()
    {
        var running = await _kit.CreateAsync(TicketType.Complaint);
        var old = await _kit.InstanceAsync(running);
        var flows = app.Get<FlowTemplates>();
        await flows.SaveDraftAsync(TestApp.Admin, "complaint", SampleFlows.Complaint() with { Name = "投诉处理 v2" });
        await flows.PublishAsync(TestApp.Admin, "complaint");

        var fresh = await _kit.CreateAsync(TicketType.Complaint);

        (await _kit.InstanceAsync(fresh)).FlowVersion.ShouldBe(old.FlowVersion + 1);
        (await _kit.InstanceAsync(running)).FlowVersion.ShouldBe(old.FlowVersion);
    }
}
