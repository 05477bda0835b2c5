using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Dashboards;
using Scrm.Domain.Common;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dashboards;

[Collection(DashboardsCollection.Name)]
public sealed class KpiRollupRebuild(DashboardsTestApp app)
{
    private static readonly string[] Cities = ["上海", "杭州", "广州", "北京", "成都"];

    // The SLA verdict is read from the SLA module's row when the resolution is handled; that module's handler may not
    // have seen the ticket yet (a race between two handlers), while a rebuild always finds it. So these two columns are
    // left out of the comparison — see the dashboards ADR.
    private static readonly HashSet<string> RacyColumns = [nameof(KpiCounter.SlaMeasured), nameof(KpiCounter.SlaMet)];

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task RollupsAfterRandomChangesEqualARecomputationFromScratch(int seed)
    {
        var random = new Random(seed);
        var technicians = new Dictionary<string, IReadOnlyList<long>>();
        foreach (var region in Regions.All) technicians[region] = await app.TechnicianIdsAsync(region);
        var tickets = new List<(long Id, string Region)>();
        for (var step = 0; step < 80; step++)
        {
            if (tickets.Count < 4 || random.Next(4) == 0)
            {
                var city = Cities[random.Next(Cities.Length)];
                var type = Enum.GetNames<TicketType>()[random.Next(7)];
                var priority = Enum.GetNames<TicketPriority>()[random.Next(4)];
                var created = await app.CreateTicketAsync(TestApp.Admin, city, type: type, priority: priority);
                tickets.Add((created.Row.Id, created.Row.Region));
                continue;
            }
            var (id, ticketRegion) = tickets[random.Next(tickets.Count)];
            await MoveAtRandomAsync(random, id, technicians[ticketRegion]);
        }
        await app.RollupsCaughtUpAsync();
        var live = await SnapshotAsync();

        var result = await app.Get<KpiRebuild>().RunAsync();
        var rebuilt = await SnapshotAsync();

        result.Tickets.ShouldBeGreaterThanOrEqualTo(tickets.Count);
        live.Days.Count.ShouldBeGreaterThan(0);
        rebuilt.Days.ShouldBe(live.Days);
        rebuilt.Technicians.ShouldBe(live.Technicians);
    }

    [Fact]
    public async Task AfterARebuildNewEventsCountOnceMore()
    {
        await app.RollupsCaughtUpAsync();
        await app.Get<KpiRebuild>().RunAsync();
        var before = await CreatedTodayAsync();

        await app.CreateTicketAsync(TestApp.Admin, "南京");
        await app.RollupsCaughtUpAsync();

        (await CreatedTodayAsync()).ShouldBe(before + 1);
    }

    private async Task<long> CreatedTodayAsync()
    {
        await using var db = await app.DbAsync();
        return (await db.KpiDays.AsNoTracking().ToListAsync()).Sum(d => d.Created);
    }

    /// <summary>One allowed move of the ticket, chosen at random; a move the ticket's flow refuses is skipped.</summary>
    private async Task MoveAtRandomAsync(Random random, long id, IReadOnlyList<long> technicians)
    {
        var ticket = await app.LoadTicketAsync(id);
        var next = TicketWorkflow.AllowedFrom(ticket.Status);
        if (next.Count == 0) return;
        var to = next[random.Next(next.Count)];
        try
        {
            // Now and then the priority is edited: the ticket keeps counting under the one it was created with.
            if (random.Next(8) == 0 && TicketWorkflow.IsWorkInHand(ticket.Status))
                await app.Tickets.EditAsync(TestApp.Admin, id, ticket.Title, ticket.Description, Enum.GetValues<TicketPriority>()[random.Next(4)], null);
            else if (to == TicketStatus.Assigned)
                await app.Tickets.AssignAsync(TestApp.Admin, id, technicians[random.Next(technicians.Count)], null);
            else
                await app.Tickets.TransitionAsync(TestApp.Admin, id, to, TicketWorkflow.RequiresComment(to) ? "随机测试" : null);
        }
        catch (Exception e) when (e is DomainRuleException or Scrm.App.Features.Shared.ConcurrencyConflictException)
        {
            // A flow may hold a move back (an approval, a form field to fill): the sequence goes on without it.
        }
    }

    private sealed record Snapshot(List<string> Days, List<string> Technicians);

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = await app.DbAsync();
        var keep = KpiTotals.ColumnNames.Select((name, i) => (name, i)).Where(c => !RacyColumns.Contains(c.name)).Select(c => c.i).ToArray();
        var days = (await db.KpiDays.AsNoTracking().ToListAsync())
            .Select(d => (Key: $"{d.Day:yyyy-MM-dd}|{d.Region}|{d.City}|{d.Type}|{d.Priority}|{d.Team}", Values: d.ToTotals().Values))
            .Where(d => d.Values.Any(v => v != 0))
            .Select(d => d.Key + "|" + string.Join(",", keep.Select(i => d.Values[i])))
            .Order().ToList();
        var technicians = (await db.TechnicianKpiDays.AsNoTracking().ToListAsync())
            .Where(t => t.Closed != 0 || t.FixMeasured != 0 || t.RevenueFen != 0)
            .Select(t => $"{t.Day:yyyy-MM-dd}|{t.TechnicianId}|{t.Closed}|{t.FixMeasured}|{t.FirstTimeFixed}|{t.RevenueFen}")
            .Order().ToList();
        return new Snapshot(days, technicians);
    }
}
