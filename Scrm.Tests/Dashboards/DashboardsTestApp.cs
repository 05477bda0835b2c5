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
    /// <summary>Waits until <see cref="KpiRollup"/> has worked through every event in the outbox.</summary>
    public async Task RollupsCaughtUpAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = await DbAsync())
            {
                var last = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
                var at = await db.HandlerCheckpoints.Where(c => c.Handler == nameof(KpiRollup)).Select(c => c.Position).SingleOrDefaultAsync();
                if (at >= last) return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("KpiRollup did not catch up with the outbox.");
            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardsCollection : ICollectionFixture<DashboardsTestApp>
{
    public const string Name = "dashboards";
}
