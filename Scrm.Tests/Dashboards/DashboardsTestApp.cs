using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Dashboards;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dashboards;

/// <summary>Technicians and customers from the demo, but no seeded tickets: every ticket in the rollups is one a test made.</summary>
public sealed class DashboardsTestApp() : TestApp(new Dictionary<string, string?>
{
    ["Demo:Seed"] = "true",
    ["Demo:Customers"] = "20",
    ["Demo:ClosedTickets"] = "0",
    ["Demo:OpenPerStatusPerRegion"] = "0",
    ["Demo:TechniciansPerRegion"] = "4",
})
{
    /// <summary>
    /// The handlers whose writes raise events the rollups count: a closed ticket's BillFinalised comes from
    /// BillFinaliser after it has seen the close, and a flow or an SLA step can move a ticket. Waiting for KpiRollup
    /// alone let a test read the rollups while BillFinaliser was still writing the last close's bill, which the
    /// rebuild afterwards counted (KpiRollupRebuild failed about one run in sixteen that way).
    /// </summary>
    private static readonly string[] EventWriters = [nameof(Scrm.App.Features.Pricing.BillFinaliser),
        nameof(Scrm.App.Features.Flows.Runtime.FlowRunner), nameof(Scrm.App.Features.Sla.SlaTracker), nameof(KpiRollup)];

    /// <summary>
    /// Waits until <see cref="KpiRollup"/> has worked through every event in the outbox, including the events that the
    /// other handlers' writes raise on the way (<see cref="EventWriters"/>): done when all of them have passed the
    /// newest event and no newer one has appeared meanwhile.
    /// </summary>
    public async Task RollupsCaughtUpAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = await DbAsync())
            {
                var last = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
                var behind = await db.HandlerCheckpoints.CountAsync(c => EventWriters.Contains(c.Handler) && c.Position < last);
                var known = await db.HandlerCheckpoints.CountAsync(c => EventWriters.Contains(c.Handler));
                if (behind == 0 && known == EventWriters.Length && await db.OutboxMessages.MaxAsync(m => (long?)m.Id) == last) return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("KpiRollup and the handlers that feed it did not catch up with the outbox.");
            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardsCollection : ICollectionFixture<DashboardsTestApp>
{
    public const string Name = "dashboards";
}
