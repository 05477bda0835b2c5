using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Channels;

namespace Scrm.Tests.Channels;

[Collection(ChannelCollection.Name)]
public sealed class ChannelDemoData(ChannelFactory factory)
{
    [Fact]
    public async Task LinksTheDemoMembersToCustomersAndLeavesAMorningOfHandledMessages()
    {
        var links = await factory.ReadAsync(db => db.WeComUserLinks.AsNoTracking().ToListAsync());
        links.Select(l => l.WeComUserId).ShouldBe(ChannelDemoSeed.DemoUserIds, ignoreOrder: true);
        links.Select(l => l.CustomerId).Distinct().Count().ShouldBe(links.Count);

        var seeded = await factory.ReadAsync(db => db.InboundMessages.AsNoTracking().Where(m => m.Id <= 10).ToListAsync());
        seeded.ShouldContain(m => m.Sender == "guest-7f3a" && m.Outcome == "UnknownSender" && m.Status == InboundStatus.Processed);
        seeded.ShouldContain(m => m.Kind == "event" && m.Status == InboundStatus.Ignored);
        seeded.Where(m => m.Outcome == "Repair").ShouldAllBe(m => m.TicketNumber != null);
        seeded.ShouldNotContain(m => m.Status == InboundStatus.Received, "the worker must not answer the demo's messages again");
    }
}
