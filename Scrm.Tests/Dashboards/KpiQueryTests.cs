using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Dashboards;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dashboards;

[Collection(DashboardsCollection.Name)]
public sealed class KpiDashboardQueries(DashboardsTestApp app)
{
    private DateOnly Today => app.Get<Scrm.App.BusinessClock>().LocalDay(DateTimeOffset.UtcNow);

    private static AccessScope Manager(string region) => TestApp.Scope("test-manager", "测试经理", AppRoles.Manager, false, region);

    [Fact]
    public async Task AManagerSeesOnlyTheirRegion()
    {
        await app.CreateTicketAsync(TestApp.Admin, "广州");
        await app.CreateTicketAsync(TestApp.Admin, "上海");
        await app.RollupsCaughtUpAsync();
        var filter = KpiFilter.Default(Today);

        var east = await app.Get<KpiQueries>().LoadAsync(Manager(Regions.East), filter);
        var all = await app.Get<KpiQueries>().LoadAsync(TestApp.Admin, filter);

        east.Regions.Select(r => r.Region).ShouldBe([Regions.East]);
        all.Regions.Select(r => r.Region).ShouldContain(Regions.South);
        east.Current.New.ShouldBeLessThan(all.Current.New);
        east.Places.ShouldAllBe(p => p.Region == Regions.East);
    }

    [Fact]
    public async Task ANewTicketCountsInItsTileAndInItsHeatmapCell()
    {
        var filter = KpiFilter.Default(Today) with { Region = Regions.Southwest, City = "成都" };
        await app.RollupsCaughtUpAsync();
        var before = await app.Get<KpiQueries>().LoadAsync(TestApp.Admin, filter);

        await app.CreateTicketAsync(TestApp.Admin, "成都");
        await app.RollupsCaughtUpAsync();
        var after = await app.Get<KpiQueries>().LoadAsync(TestApp.Admin, filter);

        after.Current.New.ShouldBe(before.Current.New + 1);
        after.Current.Open.ShouldBe(before.Current.Open + 1);
        after.Heatmap.Cast<long>().Sum().ShouldBe(before.Heatmap.Cast<long>().Sum() + 1);
        after.StageFunnel[0].Count.ShouldBe(before.StageFunnel[0].Count + 1);
    }

    [Fact]
    public void AFilterOutsideTheManagersRegionIsRefusedPerField()
    {
        var (filter, errors) = KpiFilter.Parse("2026-11-30", "2026-11-01", Regions.South, null, null, "Nonsense", null, Today, Manager(Regions.East));

        filter.ShouldBeNull();
        errors["to"].ShouldBe(["Dashboards.ToBeforeFrom"]);
        errors["region"].ShouldBe(["Dashboards.RegionNotYours"]);
        errors["type"].ShouldBe(["Dashboards.UnknownType"]);
    }

    [Fact]
    public async Task DebouncedRefreshReloadsOnceForABurstOfChanges()
    {
        var changes = new KpiChanges();
        var reloads = 0;
        using var refresh = new KpiRefresh(changes, TimeSpan.FromMilliseconds(200), () =>
        {
            Interlocked.Increment(ref reloads);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 50; i++) changes.Publish();
        await Task.Delay(600);

        reloads.ShouldBe(1);
    }
}

[Collection(Api.ApiCollection.Name)]
public sealed class KpiApi(Api.ApiFactory api)
{
    [Fact]
    public async Task TheApiReturnsTheSameFiguresAsTheTiles()
    {
        var today = api.Services.GetRequiredService<Scrm.App.BusinessClock>().LocalDay(DateTimeOffset.UtcNow);
        var filter = new KpiFilter(today.AddDays(-89), today, Regions.East);
        var view = await api.Services.GetRequiredService<KpiQueries>().LoadAsync(TestApp.Admin, filter);

        var response = await api.Client().GetAsync($"/api/v1/kpis?from={filter.From:yyyy-MM-dd}&to={filter.To:yyyy-MM-dd}&region={Uri.EscapeDataString(Regions.East)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tiles = body.GetProperty("tiles").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("current"));
        foreach (var tile in view.Tiles)
        {
            var value = tiles[tile.Key];
            if (tile.Current is { } current) value.GetDouble().ShouldBe(current, tolerance: 1e-9, tile.Key);
            else value.ValueKind.ShouldBe(JsonValueKind.Null, tile.Key);
        }
        body.GetProperty("current").GetProperty("new").GetInt64().ShouldBe(view.Current.New);
    }

    [Fact]
    public async Task BadFiltersAnswerProblemDetailsPerField()
    {
        var response = await api.Client().GetAsync("/api/v1/kpis?from=2026-13-01&priority=Whenever");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("codes").GetProperty("from")[0].GetString().ShouldBe("Dashboards.BadDate");
        body.GetProperty("codes").GetProperty("priority")[0].GetString().ShouldBe("Dashboards.UnknownPriority");
    }

    [Fact]
    public async Task AManagersKeyCannotReadAnotherRegionAndADispatcherNone()
    {
        var manager = await api.IssueKeyAsync(AppRoles.Manager, Regions.East, TimeSpan.FromHours(1));
        var dispatcher = await api.IssueKeyAsync(AppRoles.Dispatcher, Regions.East, TimeSpan.FromHours(1));

        (await api.Client(manager).GetAsync($"/api/v1/kpis?region={Uri.EscapeDataString(Regions.South)}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Client(manager).GetAsync("/api/v1/kpis")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Client(dispatcher).GetAsync("/api/v1/kpis")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
