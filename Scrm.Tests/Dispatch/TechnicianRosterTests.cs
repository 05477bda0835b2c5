using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Data.Seed;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Dispatch.Roster;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dispatch;

/// <summary>A host of its own with 60 technicians a region, moved about and loaded at random: other tests' rankings stay as they were.</summary>
public sealed class RosterHost() : TestApp(new Dictionary<string, string?>
{
    ["Demo:Seed"] = "true",
    ["Demo:Customers"] = "20",
    ["Demo:ClosedTickets"] = "20",
    ["Demo:OpenPerStatusPerRegion"] = "1",
    ["Demo:TechniciansPerRegion"] = "60",
});

/// <summary>
/// The planner's suggestions come from the in-memory roster, not from a scan of the database: they must be the scan's
/// ranking exactly, and stay so as pings move technicians and assignments load them.
/// </summary>
public sealed class TechnicianRosterTests(RosterHost app) : IClassFixture<RosterHost>
{
    private static readonly string[] Titles = ["咖啡机不出水", "空调不制冷", "冷柜温度高", "门禁刷卡失灵", "配电箱跳闸", "电梯异响", "门店例行检查", "净水器漏水"];

    private DispatchPlanner Planner => app.Get<DispatchPlanner>();

    private TechnicianRoster Roster => app.Get<TechnicianRoster>();

    [Fact]
    public async Task SuggestionsFromTheRosterAreTheScansRankingOnRandomInstances()
    {
        var random = new Random(9);
        var cities = ReferenceData.Cities.Where(c => c.Region == Regions.East).ToList();
        var technicians = await app.TechnicianIdsAsync(Regions.East);
        await app.PutOnCallAsync(Regions.East, _ => random.Next(1, 9));
        await using (var db = await app.DbAsync())
        {
            // Some away, some off duty: filters with someone to exclude.
            foreach (var technician in await db.Technicians.Where(t => t.Region == Regions.East).ToListAsync())
                if (random.Next(6) == 0) technician.SetStatus(random.Next(2) == 0 ? TechnicianStatus.OnLeave : TechnicianStatus.OffDuty);
            await db.SaveChangesAsync();
        }
        await Roster.ReloadAsync(Regions.East);
        // Everyone somewhere around a city of the region, through the ingestion path the phones use.
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var id in technicians)
        {
            var city = cities[random.Next(cities.Count)];
            await app.Get<PositionIngestion>().IngestAsync(TestApp.Admin, id,
                [new PositionPing(city.Lat + (random.NextDouble() - 0.5) * 0.3, city.Lng + (random.NextDouble() - 0.5) * 0.3, at)]);
        }

        for (var i = 0; i < 20; i++)
        {
            var city = cities[random.Next(cities.Count)];
            var ticket = await app.CreateTicketAsync(TestApp.Admin, city.Name, Titles[random.Next(Titles.Length)] + " " + i,
                nameof(TicketType.Repair), random.Next(2) == 0 ? nameof(TicketPriority.Normal) : nameof(TicketPriority.Urgent));
            await using (var db = await app.DbAsync())
                await db.Tickets.Where(t => t.Id == ticket.Row.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Lat, city.Lat + (random.NextDouble() - 0.5) * 0.4)
                    .SetProperty(t => t.Lng, city.Lng + (random.NextDouble() - 0.5) * 0.4));

            var fromRoster = await Planner.CandidatesAsync(TestApp.Admin, ticket.Row.Id);
            var fromScan = await Planner.CandidatesByScanAsync(TestApp.Admin, ticket.Row.Id);

            Ranking(fromRoster.Candidates.Take(DispatchPlanner.Shown)).ShouldBe(Ranking(fromScan.Candidates.Take(DispatchPlanner.Shown)), $"ticket {i} in {city.Name}");
            // After the ranking: only excluded technicians near the site, each with what excluded them.
            fromRoster.Candidates.Skip(DispatchPlanner.Shown)
                .ShouldAllBe(c => c.Excluded && c.ExcludedBy.Count > 0 && c.DistanceKm <= DispatchPlanner.NearbyKm);
        }
    }

    [Fact]
    public async Task AnAssignmentReachesTheRosterThroughItsEvent()
    {
        await app.PutOnCallAsync(Regions.North);
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "北京", "咖啡机不出水 负荷");
        var best = (await Planner.CandidatesAsync(TestApp.Admin, ticket.Row.Id)).Best.ShouldNotBeNull();
        var before = (await Roster.RegionAsync(Regions.North)).Find(best.Technician.Id).ShouldNotBeNull();

        await Planner.AssignAsync(TestApp.Admin, ticket.Row.Id, best.Technician.Id, null);

        var after = await EventuallyAsync(async () => (await Roster.RegionAsync(Regions.North)).Find(best.Technician.Id)!,
            t => t.OpenJobs == before.OpenJobs + 1);
        after.JobsToday.ShouldBe(before.JobsToday + 1);
        var next = await app.CreateTicketAsync(TestApp.Admin, "北京", "咖啡机不出水 负荷 2");
        Ranking(await Planner.CandidatesAsync(TestApp.Admin, next.Row.Id)).ShouldBe(Ranking(await Planner.CandidatesByScanAsync(TestApp.Admin, next.Row.Id)).Take(DispatchPlanner.Shown).ToList());
    }

    [Fact]
    public async Task APingMovesTheTechnicianInTheRosterButAnOlderOneDoesNot()
    {
        var id = (await app.TechnicianIdsAsync(Regions.South))[1];
        var ingestion = app.Get<PositionIngestion>();
        var now = DateTimeOffset.UtcNow;

        await ingestion.IngestAsync(TestApp.Admin, id, [new PositionPing(23.13, 113.26, now.AddSeconds(-10))]);
        await ingestion.IngestAsync(TestApp.Admin, id, [new PositionPing(22.54, 114.06, now.AddSeconds(-60))]);

        (await Roster.RegionAsync(Regions.South)).Find(id).ShouldNotBeNull().Position.ShouldBe(new GeoPoint(23.13, 113.26));
    }

    [Fact]
    public async Task APingThatLandsWhileTheRegionReloadsIsNotUndoneByTheReload()
    {
        var id = (await app.TechnicianIdsAsync(Regions.North))[2];
        var ingestion = app.Get<PositionIngestion>();
        var now = DateTimeOffset.UtcNow;
        await ingestion.IngestAsync(TestApp.Admin, id, [new PositionPing(39.90, 116.40, now.AddMinutes(-2))]);
        await Roster.RegionAsync(Regions.North);

        // What a ping committed after the reload's read does to the roster: the reload then reads the older position.
        Roster.Moved(id, new GeoPoint(39.99, 116.31), now.AddMinutes(-1));
        await Roster.ReloadAsync(Regions.North);

        var known = (await Roster.RegionAsync(Regions.North)).Find(id).ShouldNotBeNull();
        known.Position.ShouldBe(new GeoPoint(39.99, 116.31));
        known.PositionAt.ShouldBe(now.AddMinutes(-1));
    }

    [Fact]
    public async Task AReloadTakesANewerPositionThanTheRostersOwn()
    {
        var id = (await app.TechnicianIdsAsync(Regions.North))[3];
        var now = DateTimeOffset.UtcNow;
        await Roster.RegionAsync(Regions.North);
        Roster.Moved(id, new GeoPoint(39.80, 116.50), now.AddMinutes(-3));
        // Another server took a later ping: only the database has it.
        await using (var db = await app.DbAsync())
        {
            var technician = await db.Technicians.IgnoreQueryFilters().SingleAsync(t => t.Id == id);
            technician.MoveTo(new GeoPoint(39.95, 116.45), now.AddMinutes(-1)).ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        await Roster.ReloadAsync(Regions.North);

        (await Roster.RegionAsync(Regions.North)).Find(id).ShouldNotBeNull().Position.ShouldBe(new GeoPoint(39.95, 116.45));
    }

    [Fact]
    public async Task ARatingFoldedIntoATechniciansAverageReachesTheRosterWithoutAReload()
    {
        var id = (await app.TechnicianIdsAsync(Regions.Southwest))[0];
        var before = (await Roster.RegionAsync(Regions.Southwest)).Find(id).ShouldNotBeNull().Rating;

        // As the rating fold does for a customer's stars, on its own: no ticket event says anything about it.
        var after = await app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            var technician = await db.Technicians.IgnoreQueryFilters().SingleAsync(t => t.Id == id, ct);
            foreach (var stars in new[] { 1, 1, 1, 1, 1, 1, 1, 1 }) technician.AddRating(stars, DateTimeOffset.UtcNow);
            return technician.Rating;
        });

        after.ShouldNotBe(before);
        (await EventuallyAsync(async () => (await Roster.RegionAsync(Regions.Southwest)).Find(id)!.Rating, rating => rating == after))
            .ShouldBe(after);
    }

    private static List<(long Id, double Total, bool Excluded)> Ranking(IEnumerable<CandidateScore> candidates) =>
        candidates.Select(c => (c.Technician.Id, c.Total, c.Excluded)).ToList();

    private static List<(long Id, double Total, bool Excluded)> Ranking(CandidateList list) =>
        Ranking(list.Candidates.Take(DispatchPlanner.Shown));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(50);
        }
        throw new TimeoutException("The roster did not catch up within 5 s.");
    }
}
