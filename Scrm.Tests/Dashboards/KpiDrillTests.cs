using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Features.Dashboards;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dashboards;

/// <summary>Where the tiles lead: each drills into the tickets its figure counts, on the days it counts them.</summary>
public sealed class KpiDrillLinks
{
    private static readonly KpiFilter Period = new(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 29), Regions.East, City: "上海");

    [Fact]
    public void TheClosedTileDrillsIntoTicketsClosedInThePeriodNotCreatedInIt()
    {
        var q = KpiDrill.Query(Period, KpiDrill.Tile("Closed", Period));

        q["closedFrom"].ShouldBe("2026-09-01");
        q["closedTo"].ShouldBe("2026-11-29");
        q["from"].ShouldBeNull();
        q["to"].ShouldBeNull();
        q.ShouldNotContainKey("status");
        q["all"].ShouldBe("1");
        (q["region"], q["city"]).ShouldBe((Regions.East, "上海"));
    }

    [Theory]
    [InlineData("SlaCompliance")]
    [InlineData("FirstTimeFix")]
    [InlineData("Reopen")]
    [InlineData("ResolutionMedian")]
    [InlineData("ResolutionP90")]
    public void FiguresMeasuredAtResolutionDrillIntoTicketsResolvedInThePeriod(string tile)
    {
        var q = KpiDrill.Query(Period, KpiDrill.Tile(tile, Period));

        (q["resolvedFrom"], q["resolvedTo"], q["from"], q["to"]).ShouldBe(("2026-09-01", "2026-11-29", null, null));
    }

    [Fact]
    public void TheBacklogDrillsIntoTicketsOpenNowAndNewIntoTicketsCreatedInThePeriod()
    {
        var open = KpiDrill.Query(Period, KpiDrill.Tile("BacklogAge", Period));
        var created = KpiDrill.Query(Period, KpiDrill.Tile("New", Period));

        (open["from"], open["all"]).ShouldBe((null, null));
        (created["from"], created["to"], created["all"]).ShouldBe(("2026-09-01", "2026-11-29", "1"));
        created.ShouldNotContainKey("closedFrom");
    }
}

[Collection(DashboardsCollection.Name)]
public sealed class TicketListClosedFilter(DashboardsTestApp app)
{
    [Fact]
    public async Task AClosedRangeFindsTicketsClosedOnItsDaysWhenEverTheyWereCreated()
    {
        var clock = app.Get<Scrm.App.BusinessClock>();
        var today = clock.LocalDay(DateTimeOffset.UtcNow);
        var closed = await ClosedTicketAsync("苏州");
        var open = (await app.CreateTicketAsync(TestApp.Admin, "苏州")).Row.Id;
        // Created long before the period: a creation range would miss it, the closed range must not.
        await using (var db = await app.DbAsync())
            await db.Tickets.Where(t => t.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow.AddDays(-200)));

        async Task<List<long>> Found(DateOnly from, DateOnly to, bool resolved = false) =>
            (await app.Get<TicketQueries>().ListAsync(TestApp.Admin, new TicketFilter
            {
                City = "苏州", PageSize = 100,
                ClosedFrom = resolved ? null : TicketDays.Start(clock, from), ClosedBefore = resolved ? null : TicketDays.Start(clock, to.AddDays(1)),
                ResolvedFrom = resolved ? TicketDays.Start(clock, from) : null, ResolvedBefore = resolved ? TicketDays.Start(clock, to.AddDays(1)) : null,
            })).Items.Select(r => r.Id).ToList();

        var inPeriod = await Found(today.AddDays(-29), today);
        inPeriod.ShouldContain(closed);
        inPeriod.ShouldNotContain(open);
        (await Found(today.AddDays(1), today.AddDays(5))).ShouldNotContain(closed);
        (await Found(today.AddDays(-29), today.AddDays(-1))).ShouldNotContain(closed);
        (await Found(today, today, resolved: true)).ShouldBe([closed]);
    }

    private async Task<long> ClosedTicketAsync(string city)
    {
        var technician = (await app.TechnicianIdsAsync(Regions.East))[0];
        var id = (await app.CreateTicketAsync(TestApp.Admin, city)).Row.Id;
        await app.Tickets.AssignAsync(TestApp.Admin, id, technician, null);
        foreach (var to in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed })
            await app.Tickets.TransitionAsync(TestApp.Admin, id, to, TicketWorkflow.RequiresComment(to) ? "完工" : null);
        return id;
    }
}

[Collection(Api.ApiCollection.Name)]
public sealed class TicketApiClosedFilter(Api.ApiFactory api)
{
    [Fact]
    public async Task TheTicketListTakesAClosedRangeAndRefusesABadDayPerField()
    {
        var today = api.Services.GetRequiredService<Scrm.App.BusinessClock>().LocalDay(DateTimeOffset.UtcNow);
        var all = await api.Client().GetFromJsonAsync<JsonElement>($"/api/v1/tickets?pageSize=200&closedFrom={today.AddDays(-400):yyyy-MM-dd}&closedTo={today:yyyy-MM-dd}");
        var none = await api.Client().GetFromJsonAsync<JsonElement>($"/api/v1/tickets?pageSize=200&closedFrom={today.AddDays(1):yyyy-MM-dd}");
        var bad = await api.Client().GetAsync("/api/v1/tickets?closedFrom=2026-13-01&resolvedTo=yesterday");

        var items = all.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(t => t.GetProperty("status").GetString() == nameof(TicketStatus.Closed));
        none.GetProperty("items").GetArrayLength().ShouldBe(0);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await bad.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("codes").GetProperty("closedFrom")[0].GetString().ShouldBe("Field.WrongType");
        body.GetProperty("codes").GetProperty("resolvedTo")[0].GetString().ShouldBe("Field.WrongType");
    }
}
