using Scrm.App.Data;
using Scrm.App.Features.Flows.Bottlenecks;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Shared;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

/// <summary>The bottleneck query: per node, the tickets there now and the median and p90 stays of the period, by region.</summary>
[Collection(AppCollection.Name)]
public sealed class FlowBottleneckFigures(TestApp app)
{
    private static readonly DateTimeOffset To = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = To.AddDays(-30);

    private FlowBottlenecks Bottlenecks => app.Get<FlowBottlenecks>();

    [Fact]
    public async Task MedianAndP90AreTakenOverTheStaysThatEndedInThePeriodAndNowCountsOpenVisits()
    {
        var key = NewKey();
        var east = await app.CreateTicketAsync(TestApp.Admin, "上海");
        // 客户确认 stays of 1, 2, 3, 4 and 10 hours in the period, one left before it, one in version 2; two tickets wait there now.
        await AddAsync(
            Stay(east.Row.Id, key, "confirm", 1), Stay(east.Row.Id, key, "confirm", 2), Stay(east.Row.Id, key, "confirm", 3),
            Stay(east.Row.Id, key, "confirm", 4), Stay(east.Row.Id, key, "confirm", 10),
            Stay(east.Row.Id, key, "confirm", 50, leftDaysAgo: 40), Stay(east.Row.Id, key, "confirm", 70, version: 2),
            Open(east.Row.Id, key, "confirm"), Open(east.Row.Id, key, "confirm"), Open(east.Row.Id, key, "repair"));

        var rows = await Bottlenecks.ForAsync(TestApp.Admin, key, 1, From, To, default);

        rows.ShouldBe([
            new NodeBottleneck("confirm", 2, 5, TimeSpan.FromHours(3), TimeSpan.FromHours(7.6)),
            new NodeBottleneck("repair", 1, 0, null, null),
        ]);
    }

    [Fact]
    public async Task AManagerCountsTheTicketsOfTheirOwnRegionsOnly()
    {
        var key = NewKey();
        var east = await app.CreateTicketAsync(TestApp.Admin, "上海");
        var south = await app.CreateTicketAsync(TestApp.Admin, "广州");
        await AddAsync(Stay(east.Row.Id, key, "confirm", 2), Stay(south.Row.Id, key, "confirm", 20), Open(south.Row.Id, key, "confirm"));
        var eastManager = TestApp.Scope("test-manager-east", "华东经理", AppRoles.Manager, allRegions: false, Regions.East);

        var mine = await Bottlenecks.ForAsync(eastManager, key, 1, From, To, default);
        var all = await Bottlenecks.ForAsync(TestApp.Admin, key, 1, From, To, default);

        mine.ShouldBe([new NodeBottleneck("confirm", 0, 1, TimeSpan.FromHours(2), TimeSpan.FromHours(2))]);
        all.ShouldHaveSingleItem().ShouldBe(new NodeBottleneck("confirm", 1, 2, TimeSpan.FromHours(11), TimeSpan.FromHours(18.2)));
    }

    [Fact]
    public async Task OnlyAdminsAndManagersReadBottlenecks()
    {
        var denied = await Should.ThrowAsync<AccessDeniedException>(() => Bottlenecks.ForAsync(TestApp.Dispatcher(Regions.East), NewKey(), 1, From, To, default));
        denied.Code.ShouldBe("Flow.BottlenecksDenied");
    }

    [Fact]
    public void ColoursFollowTheP90AgainstTheSlowestNodeOrTheNodesOwnTimeLimit()
    {
        var flow = Scrm.Domain.Flows.SampleFlows.Repair();
        var heat = BottleneckHeat.Of(flow, [
            new NodeBottleneck("accept", 0, 3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15)),
            new NodeBottleneck("repair", 0, 3, TimeSpan.FromHours(1), TimeSpan.FromHours(2)),
            new NodeBottleneck("confirm", 0, 3, TimeSpan.FromHours(4), TimeSpan.FromHours(8)),
            new NodeBottleneck("settle", 4, 0, null, null),
        ]);

        heat["confirm"].Heat.ShouldBe(1);
        heat["repair"].Heat.ShouldBe(0.25);
        (heat["accept"].Heat, heat["accept"].AgainstLimit).ShouldBe((0.5, true));
        heat["settle"].Heat.ShouldBe(0);
        heat["confirm"].Colour.ShouldBe("hsl(0, 70%, 42%)");
        heat["settle"].Colour.ShouldBe("hsl(120, 70%, 42%)");
    }

    private static string NewKey() => $"b-{Guid.NewGuid():N}"[..20];

    private static FlowNodeVisit Stay(long ticketId, string key, string node, double hours, int leftDaysAgo = 1, int version = 1) => new()
    {
        TicketId = ticketId, TemplateKey = key, FlowVersion = version, NodeId = node,
        EnteredAt = To.AddDays(-leftDaysAgo).AddHours(-hours), LeftAt = To.AddDays(-leftDaysAgo),
    };

    private static FlowNodeVisit Open(long ticketId, string key, string node) => new()
    {
        TicketId = ticketId, TemplateKey = key, FlowVersion = 1, NodeId = node, EnteredAt = To.AddHours(-5),
    };

    private async Task AddAsync(params FlowNodeVisit[] visits)
    {
        await using var db = await app.DbAsync();
        db.AddRange(visits);
        await db.SaveChangesAsync();
    }
}
