using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class RegionFilterSql(TestApp app)
{
    [Fact]
    public async Task ASiteQueryHasOneSqlTextWhateverTheNumberOfRegions()
    {
        // EF keeps a query's SQL only when it does not depend on the values: one region per parameter made every run of
        // every filtered query generate its SQL again.
        await using var one = await app.DbAsync(TestApp.Scope("r1", "一区", AppRoles.Dispatcher, false, Regions.South));
        await using var four = await app.DbAsync(TestApp.Scope("r4", "四区", AppRoles.Dispatcher, false, [.. Regions.All]));

        var sqlOne = Statement(one.Sites.Where(s => s.Id > 0).ToQueryString());
        var sqlFour = Statement(four.Sites.Where(s => s.Id > 0).ToQueryString());

        sqlOne.ShouldBe(sqlFour);
        sqlOne.ShouldContain("json_each");
    }

    [Fact]
    public async Task ARegionListSentAsOneParameterStillShowsOnlyItsRegions()
    {
        var marker = TestApp.Marker("区列表");
        var south = await app.CreateTicketAsync(TestApp.Admin, "广州", marker + " 广州");
        var east = await app.CreateTicketAsync(TestApp.Admin, "上海", marker + " 上海");
        await app.CreateTicketAsync(TestApp.Admin, "北京", marker + " 北京");
        await using var db = await app.DbAsync(TestApp.Scope("r2", "两区", AppRoles.Dispatcher, false, Regions.South, Regions.East));

        var seen = await db.Tickets.Where(t => t.Title.StartsWith(marker)).Select(t => t.Id).OrderBy(id => id).ToListAsync();

        seen.ShouldBe(new[] { south.Row.Id, east.Row.Id }.Order());
    }

    // The statement without the parameter values ToQueryString writes above it.
    private static string Statement(string queryString) =>
        string.Join('\n', queryString.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal) && !line.StartsWith("--", StringComparison.Ordinal)));
}
