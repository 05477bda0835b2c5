using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Bottlenecks;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

[Collection(AppCollection.Name)]
public sealed class DemoFlowHistorySeeding(TestApp app)
{
    [Fact]
    public async Task TheDemosRepairsMakeCustomerConfirmationTheSlowestStepAndSeedingTwiceWritesNothingMore()
    {
        var factory = app.Get<IDbContextFactory<ScrmDbContext>>();
        var now = app.Get<TimeProvider>().GetUtcNow();

        var written = await DemoFlowHistory.SeedAsync(factory, now);
        var again = await DemoFlowHistory.SeedAsync(factory, now);

        written.ShouldBeGreaterThan(0);
        again.ShouldBe(0);
        var rows = await app.Get<FlowBottlenecks>().ForAsync(TestApp.Admin, "equipment-repair", 1, now.AddDays(-90), now, default);
        rows.MaxBy(r => r.P90)!.NodeId.ShouldBe("confirm", string.Join("; ", rows));
        rows.Sum(r => r.Now).ShouldBeGreaterThan(0);
    }
}
