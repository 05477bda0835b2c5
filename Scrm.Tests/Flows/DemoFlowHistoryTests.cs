using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Bottlenecks;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

[Collection(AppCollection.Name)]
public sealed class DemoFlowHistorySeeding(TestApp app)
{
    [Fact]
    public async Task TheDemosRepairsMakeCustomerConfirmationTheSlowestStepAndSeedingAgainWritesNothingMore()
    {
        var factory = app.Get<IDbContextFactory<ScrmDbContext>>();
        var now = app.Get<TimeProvider>().GetUtcNow();

        // The demo seeder wrote the history when the test app started; a second seeding adds nothing.
        var again = await DemoFlowHistory.SeedAsync(factory, now);

        again.ShouldBe(0);
        var rows = await app.Get<FlowBottlenecks>().ForAsync(TestApp.Admin, "equipment-repair", 1, now.AddDays(-90), now, default);
        rows.MaxBy(r => r.P90)!.NodeId.ShouldBe("confirm", string.Join("; ", rows));
        rows.Sum(r => r.Now).ShouldBeGreaterThan(0);
    }
}
