using Scrm.App.Features.Dispatch;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dispatch;

/// <summary>Every suggestion asks for its policy: read once and kept, and a save is seen at once all the same.</summary>
[Collection(AppCollection.Name)]
public sealed class DispatchPolicyCacheTests(TestApp app)
{
    [Fact]
    public async Task PoliciesAreReadOnceAndASaveIsSeenByTheNextSuggestion()
    {
        var policies = app.Get<DispatchPolicies>();
        await policies.ForAsync(TicketType.Installation, Regions.North);
        var reads = policies.Reads;

        for (var i = 0; i < 5; i++) await policies.ForAsync(TicketType.Installation, Regions.North);
        policies.Reads.ShouldBe(reads);

        var current = (await policies.ListAsync(TestApp.Admin)).FirstOrDefault(p => p.TicketType == TicketType.Installation && p.Region == Regions.North);
        // The default weights, so that other tests' rankings stay as they were; only the time to accept changes.
        var minutes = (current?.AcceptWithinMinutes ?? 30) % 60 + 1;
        var saved = await policies.SaveAsync(TestApp.Admin,
            new PolicyView(current?.Id, TicketType.Installation, Regions.North, DispatchWeights.Default, false, minutes, current?.Version ?? 0));

        var found = await policies.ForAsync(TicketType.Installation, Regions.North);
        (found.Id, found.Version, found.AcceptWithinMinutes).ShouldBe((saved.Id, saved.Version, minutes));
        // The catch-all for another type is untouched by it.
        (await policies.ForAsync(TicketType.Repair, Regions.South)).Region.ShouldNotBe(Regions.North);
    }
}
