using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Flows;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

/// <summary>
/// A host of its own: the demo publishes the sample flows (设备维修 for repairs, 安装, 投诉处理, 折扣审批 for returns), and
/// these tests publish newer versions of them, which must not move other tests' tickets.
/// </summary>
public sealed class FlowRuntimeHost : TestApp;

[CollectionDefinition(Name)]
public sealed class FlowRuntimeCollection : ICollectionFixture<FlowRuntimeHost>
{
    public const string Name = "flow runtime host";
}

/// <summary>Creating tickets, walking them through their statuses and waiting for their flow to catch up.</summary>
public sealed class FlowRuntimeKit(TestApp app)
{
    public const string City = "上海";

    public async Task<long> CreateAsync(TicketType type, string? title = null, Dictionary<string, object?>? form = null)
    {
        var request = TestApp.NewRequest(City, title ?? TestApp.Marker(type.ToString()), type.ToString());
        request.Form = form;
        return (await app.Tickets.CreateAsync(TestApp.Agent, request)).Ticket.Row.Id;
    }

    /// <summary>Polls until the ticket's flow instance satisfies <paramref name="condition"/>: the handlers run after commit.</summary>
    public async Task<FlowInstance> InstanceAsync(long ticketId, Func<FlowInstance, bool>? condition = null)
    {
        FlowInstance? instance = null;
        for (var i = 0; i < 200; i++)
        {
            await using var db = await app.DbAsync();
            instance = await db.Set<FlowInstance>().AsNoTracking().FirstOrDefaultAsync(f => f.TicketId == ticketId);
            if (instance is not null && (condition?.Invoke(instance) ?? true)) return instance;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The flow of ticket {ticketId} did not get there: {instance?.StateJson ?? "no instance"}");
    }

    public Task<FlowInstance> ActiveAtAsync(long ticketId, params string[] nodeIds) =>
        InstanceAsync(ticketId, i => i.State().Active.Select(a => a.NodeId).Order().SequenceEqual(nodeIds.Order()));

    /// <summary>Moves the ticket on, as an Admin: assigned to a 华东 technician first when it has none.</summary>
    public async Task WalkAsync(long ticketId, params TicketStatus[] statuses)
    {
        foreach (var status in statuses)
        {
            if (status == TicketStatus.Assigned)
            {
                var technician = (await app.TechnicianIdsAsync(Regions.East))[0];
                await app.Tickets.AssignAsync(TestApp.Admin, ticketId, technician, null);
            }
            else
            {
                await app.Tickets.TransitionAsync(TestApp.Admin, ticketId, status, status is TicketStatus.OnHold ? "等待" : null);
            }
        }
    }

    /// <summary>From New to <paramref name="last"/> along the lifecycle.</summary>
    public Task WalkToAsync(long ticketId, TicketStatus last)
    {
        TicketStatus[] lifecycle = [TicketStatus.Assigned, TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite,
            TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed];
        return WalkAsync(ticketId, lifecycle[..(Array.IndexOf(lifecycle, last) + 1)]);
    }

    /// <summary>A signal the flow would get from a filled-in form section, given directly.</summary>
    public Task SignalAsync(long ticketId, FlowSignal signal) =>
        app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            await app.Get<FlowRunner>().SignalAsync(db, ticketId, signal, ct);
            return true;
        });

    public async Task<List<TicketEvent>> TimelineAsync(long ticketId, params TicketEventKind[] kinds)
    {
        await using var db = await app.DbAsync();
        return await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticketId && kinds.Contains(e.Kind)).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<List<FlowNodeVisit>> VisitsAsync(long ticketId)
    {
        await using var db = await app.DbAsync();
        return await db.Set<FlowNodeVisit>().AsNoTracking().Where(v => v.TicketId == ticketId).OrderBy(v => v.Id).ToListAsync();
    }

    public async Task<List<Ticket>> ChildrenAsync(long parentId)
    {
        await using var db = await app.DbAsync();
        return await db.Tickets.AsNoTracking().Where(t => t.ParentTicketId == parentId).OrderBy(t => t.Id).ToListAsync();
    }

    public async Task<List<Ticket>> WaitForChildrenAsync(long parentId, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var children = await ChildrenAsync(parentId);
            if (children.Count >= count) return children;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Ticket {parentId} did not get {count} children.");
    }
}
