using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
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
        // Random walks seldom reach Closed; one ticket rated for certain keeps the CSAT columns in the comparison.
        await RateAsync(await ClosedTicketAsync("上海", technicians[Regions.East][0]), random.Next(1, 6));
        await app.RollupsCaughtUpAsync();
        var live = await SnapshotAsync();

        var result = await app.Get<KpiRebuild>().RunAsync();
        var rebuilt = await SnapshotAsync();

        result.Tickets.ShouldBeGreaterThanOrEqualTo(tickets.Count);
        live.Days.Count.ShouldBeGreaterThan(0);
        rebuilt.Days.ShouldBe(live.Days);
        rebuilt.Regions.ShouldBe(live.Regions);
        rebuilt.Places.ShouldBe(live.Places);
        rebuilt.Technicians.ShouldBe(live.Technicians);
        rebuilt.TechnicianPlaces.ShouldBe(live.TechnicianPlaces);
        live.TechnicianPlaces.Count.ShouldBeGreaterThan(0);
        // The sequence rated some closed tickets, so the comparison covers the CSAT columns too.
        live.Regions.ShouldContain(r => r.Contains("|rated:") && !r.EndsWith("|rated:0/0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCoarseRollupsAreTheSumsOfTheFineRows()
    {
        var random = new Random(11);
        var technicians = await app.TechnicianIdsAsync(Regions.East);
        for (var i = 0; i < 6; i++)
        {
            var created = await app.CreateTicketAsync(TestApp.Admin, Cities[random.Next(2)], priority: Enum.GetNames<TicketPriority>()[i % 4]);
            for (var step = 0; step < 6; step++) await MoveAtRandomAsync(random, created.Row.Id, technicians);
        }
        await app.RollupsCaughtUpAsync();
        await using var db = await app.DbAsync();

        var fine = (await db.KpiDays.AsNoTracking().ToListAsync()).GroupBy(d => (d.Day, d.Region))
            .ToDictionary(g => g.Key, g => string.Join(",", KpiTotals.Sum(g.Select(d => d.ToTotals())).Values));
        var coarse = (await db.Set<KpiRegionDay>().AsNoTracking().ToListAsync())
            .ToDictionary(d => (d.Day, d.Region), d => string.Join(",", d.ToTotals().Values));
        coarse.ShouldBe(fine);

        var finePlaces = (await db.KpiDays.AsNoTracking().ToListAsync()).GroupBy(d => (d.Day, d.Region, d.City, d.Type))
            .ToDictionary(g => g.Key, g => (g.Sum(d => d.Created), g.Sum(d => d.Closed), g.Sum(d => d.FixMeasured), g.Sum(d => d.RevenueFen)));
        var places = (await db.Set<KpiPlaceDay>().AsNoTracking().ToListAsync())
            .ToDictionary(d => (d.Day, d.Region, d.City, d.Type), d => (d.Created, d.Closed, d.FixMeasured, d.RevenueFen));
        places.ShouldBe(finePlaces);
    }

    [Fact]
    public async Task ARatingCountsItsStarsForTheTicketsKeysAndItsTechnician()
    {
        var technician = (await app.TechnicianIdsAsync(Regions.East))[0];
        var id = await ClosedTicketAsync("杭州", technician);
        await app.RollupsCaughtUpAsync();
        var before = await RatingsAsync(technician);

        await RateAsync(id, 4);
        await app.RollupsCaughtUpAsync();

        var after = await RatingsAsync(technician);
        after.Region.ShouldBe((before.Region.Count + 1, before.Region.Stars + 4));
        after.Fine.ShouldBe((before.Fine.Count + 1, before.Fine.Stars + 4));
        after.Technician.ShouldBe((before.Technician.Count + 1, before.Technician.Stars + 4));
    }

    private async Task<((long Count, long Stars) Region, (long Count, long Stars) Fine, (long Count, long Stars) Technician)> RatingsAsync(long technician)
    {
        await using var db = await app.DbAsync();
        var regions = await db.Set<KpiRegionDay>().AsNoTracking().Where(d => d.Region == Regions.East).ToListAsync();
        var fine = await db.KpiDays.AsNoTracking().Where(d => d.City == "杭州").ToListAsync();
        var days = await db.TechnicianKpiDays.AsNoTracking().Where(d => d.TechnicianId == technician).ToListAsync();
        return ((regions.Sum(d => d.Ratings), regions.Sum(d => d.RatingStars)), (fine.Sum(d => d.Ratings), fine.Sum(d => d.RatingStars)),
            (days.Sum(d => d.Ratings), days.Sum(d => d.RatingStars)));
    }

    /// <summary>A new ticket taken the whole way to closed by <paramref name="technician"/>.</summary>
    private async Task<long> ClosedTicketAsync(string city, long technician)
    {
        var id = (await app.CreateTicketAsync(TestApp.Admin, city)).Row.Id;
        await app.Tickets.AssignAsync(TestApp.Admin, id, technician, null);
        foreach (var to in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed })
            await app.Tickets.TransitionAsync(TestApp.Admin, id, to, TicketWorkflow.RequiresComment(to) ? "完工" : null);
        return id;
    }

    /// <summary>The customer's rating, as the progress page's action makes it (the ticket's own rule, through the write path).</summary>
    private Task RateAsync(long id, int stars) =>
        app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            var ticket = await db.Tickets.SingleAsync(t => t.Id == id, ct);
            ticket.Rate(stars, null, new Actor($"customer:{ticket.CustomerId}", ticket.CustomerName), DateTimeOffset.UtcNow);
            return true;
        });

    [Fact]
    public async Task TechnicianDaysPerPlaceMissingFromAnOlderDatabaseAreFilledOnceAtStartUp()
    {
        await ClosedTicketAsync("杭州", (await app.TechnicianIdsAsync(Regions.East))[0]);
        await app.RollupsCaughtUpAsync();
        await using (var db = await app.DbAsync()) await db.Set<TechnicianPlaceDay>().ExecuteDeleteAsync();
        var factory = app.Get<IDbContextFactory<ScrmDbContext>>();

        (await KpiBackfill.FillIfMissingAsync(factory, app.Get<KpiRebuild>(), CancellationToken.None)).ShouldBeTrue();

        await using (var db = await app.DbAsync()) (await db.Set<TechnicianPlaceDay>().CountAsync()).ShouldBeGreaterThan(0);
        (await KpiBackfill.FillIfMissingAsync(factory, app.Get<KpiRebuild>(), CancellationToken.None)).ShouldBeFalse();
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

    /// <summary>
    /// ADR 0034: the rollup's progress is its outbox position, so a rebuild (which counts everything in the raw tables)
    /// must move that position past the events it counted, or a loop that was behind would count them a second time.
    /// </summary>
    [Fact]
    public async Task ARebuildMovesTheRollupPastWhatItCountedSoARedeliveryCountsNothing()
    {
        await app.RollupsCaughtUpAsync();
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "厦门");
        await app.RollupsCaughtUpAsync();
        const string handler = nameof(KpiRollup);
        StoredEvent created;
        await using (var db = await app.DbAsync())
        {
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.AggregateId == ticket.Row.Id && m.Type == nameof(TicketCreated));
            created = new StoredEvent(message.Id, message.Type, app.Get<EventTypes>().Deserialize(message.Type, message.Payload));
            // As if the rollup's loop (here: this test's, holding the lease) had stopped just before the creation, with
            // it and a parked event of the rollup's still to come when the rebuild runs.
            await db.HandlerCheckpoints.Where(c => c.Handler == handler).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Position, created.Id - 1).SetProperty(c => c.LeaseOwner, "test-host")
                .SetProperty(c => c.LeaseExpiresAt, DateTimeOffset.UtcNow.AddMinutes(5)));
            db.ParkedEvents.Add(new ParkedEvent
            {
                Handler = handler, OutboxId = created.Id, EventId = created.Event.EventId, Type = created.Type, Attempts = 5,
                Error = "test", ParkedAt = DateTimeOffset.UtcNow, State = ParkedEventState.Parked,
            });
            await db.SaveChangesAsync();
        }
        try
        {
            await app.Get<KpiRebuild>().RunAsync();
            var rebuilt = await XiamenCreatedAsync();
            rebuilt.ShouldBe(1);

            // The loop that was behind delivers the creation again: its write finds the position moved and rolls back.
            var cursor = new HandlerCursor(handler, "test-host", committed: created.Id - 1, recordsUntil: 0);
            using (cursor.Deliver(created.Id, created.Id))
                await Should.ThrowAsync<LeaseLostException>(() => app.Get<KpiRollup>().HandleBatchAsync([created], handler, default));

            (await XiamenCreatedAsync()).ShouldBe(rebuilt);
            await using var db = await app.DbAsync();
            var last = await db.OutboxMessages.MaxAsync(m => m.Id);
            (await db.HandlerCheckpoints.Where(c => c.Handler == handler).Select(c => c.Position).SingleAsync()).ShouldBeGreaterThanOrEqualTo(last);
            (await db.ParkedEvents.Where(p => p.Handler == handler).Select(p => p.State).ToListAsync()).ShouldAllBe(s => s == ParkedEventState.Resolved);
        }
        finally
        {
            // The app's own loop takes the rollup back.
            await using var db = await app.DbAsync();
            await db.HandlerCheckpoints.Where(c => c.Handler == handler)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseExpiresAt, (DateTimeOffset?)null));
        }
    }

    /// <summary>The SLA module's breach times as the rollup reads them (plain SQL, instants stored as ticks on SQLite).</summary>
    [Fact]
    public async Task TheBreachReadFindsTrackedTicketsWithTheirBreachTimes()
    {
        var breached = (await app.CreateTicketAsync(TestApp.Admin, "青岛")).Row.Id;
        var onTime = (await app.CreateTicketAsync(TestApp.Admin, "青岛")).Row.Id;
        var at = new DateTimeOffset(2026, 11, 20, 9, 30, 15, TimeSpan.Zero).AddTicks(1234);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var db = await app.DbAsync();
        while (await db.Set<Scrm.App.Features.Sla.TicketSla>().CountAsync(s => s.TicketId == breached || s.TicketId == onTime) < 2)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The SLA module did not track the new tickets.");
            await Task.Delay(50);
        }
        await db.Set<Scrm.App.Features.Sla.TicketSla>().Where(s => s.TicketId == breached).ExecuteUpdateAsync(u => u.SetProperty(s => s.BreachedAt, at));
        await db.Set<Scrm.App.Features.Sla.TicketSla>().Where(s => s.TicketId == onTime)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.BreachedAt, (DateTimeOffset?)null));

        var found = await KpiRollup.BreachesAsync(db, [breached, onTime, -1], CancellationToken.None);

        found.Count.ShouldBe(2);
        found[breached].ShouldBe(at);
        found[onTime].ShouldBeNull();
    }

    [Fact]
    public async Task TheRollupWritesNoProcessedEventRows()
    {
        await app.CreateTicketAsync(TestApp.Admin, "济南");
        await app.RollupsCaughtUpAsync();

        await using var db = await app.DbAsync();
        (await db.ProcessedEvents.CountAsync(p => p.Handler == nameof(KpiRollup))).ShouldBe(0);
    }

    private async Task<long> XiamenCreatedAsync()
    {
        await using var db = await app.DbAsync();
        return (await db.KpiDays.AsNoTracking().Where(d => d.City == "厦门").ToListAsync()).Sum(d => d.Created);
    }

    [Fact]
    public async Task AnAdminsRebuildIsAuditedAndASecondOneAtTheSameTimeIsRefused()
    {
        var admin = TestApp.Scope("test-rebuilder", "重建管理员", AppRoles.Admin, allRegions: true);
        var rebuild = app.Get<KpiRebuild>();

        var both = await Task.WhenAll(rebuild.TryRunAsync(admin), rebuild.TryRunAsync(admin));

        both.Count(r => r is null).ShouldBe(1);
        both.Count(r => r is not null).ShouldBe(1);
        await using var db = await app.DbAsync();
        (await db.AuditEntries.CountAsync(a => a.Entity == "KpiRollups" && a.UserId == "test-rebuilder" && a.Action == "Rebuild")).ShouldBe(1);
        (await rebuild.TryRunAsync(admin)).ShouldNotBeNull();
    }

    [Fact]
    public async Task OnlyAnAdminMayRebuildFromThePage()
    {
        var manager = TestApp.Scope("test-manager", "测试经理", AppRoles.Manager, false, Regions.East);
        await Should.ThrowAsync<UnauthorizedAccessException>(() => app.Get<KpiRebuild>().TryRunAsync(manager));
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
        if (ticket.Status == TicketStatus.Closed && ticket.CustomerRating is null && random.Next(2) == 0)
        {
            await RateAsync(id, random.Next(1, 6));
            return;
        }
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

    private sealed record Snapshot(List<string> Days, List<string> Regions, List<string> Places, List<string> Technicians, List<string> TechnicianPlaces);

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = await app.DbAsync();
        var keep = KpiTotals.ColumnNames.Select((name, i) => (name, i)).Where(c => !RacyColumns.Contains(c.name)).Select(c => c.i).ToArray();
        var days = (await db.KpiDays.AsNoTracking().ToListAsync())
            .Select(d => (Key: $"{d.Day:yyyy-MM-dd}|{d.Region}|{d.City}|{d.Type}|{d.Priority}|{d.Team}", Values: d.ToTotals().Values))
            .Where(d => d.Values.Any(v => v != 0))
            .Select(d => d.Key + "|" + string.Join(",", keep.Select(i => d.Values[i])))
            .Order().ToList();
        var regions = (await db.Set<KpiRegionDay>().AsNoTracking().ToListAsync())
            .Select(d => (Key: $"{d.Day:yyyy-MM-dd}|{d.Region}", Values: d.ToTotals().Values))
            .Where(d => d.Values.Any(v => v != 0))
            .Select(d => d.Key + "|" + string.Join(",", keep.Select(i => d.Values[i])) +
                         $"|rated:{d.Values[(int)KpiCounter.Ratings]}/{d.Values[(int)KpiCounter.RatingStars]}")
            .Order().ToList();
        var places = (await db.Set<KpiPlaceDay>().AsNoTracking().ToListAsync())
            .Where(d => d.Created != 0 || d.Closed != 0 || d.FixMeasured != 0 || d.RevenueFen != 0 || d.CostFen != 0)
            .Select(d => $"{d.Day:yyyy-MM-dd}|{d.Region}|{d.City}|{d.Type}|{d.Created}|{d.Closed}|{d.FixMeasured}|{d.FirstTimeFixed}|{d.RevenueFen}|{d.CostFen}")
            .Order().ToList();
        var technicians = (await db.TechnicianKpiDays.AsNoTracking().ToListAsync())
            .Where(t => t.Closed != 0 || t.FixMeasured != 0 || t.RevenueFen != 0 || t.Ratings != 0)
            .Select(t => $"{t.Day:yyyy-MM-dd}|{t.TechnicianId}|{t.Closed}|{t.FixMeasured}|{t.FirstTimeFixed}|{t.RevenueFen}|{t.Ratings}|{t.RatingStars}")
            .Order().ToList();
        var technicianPlaces = (await db.Set<TechnicianPlaceDay>().AsNoTracking().ToListAsync())
            .Where(t => t.Closed != 0 || t.FixMeasured != 0 || t.RevenueFen != 0 || t.Ratings != 0)
            .Select(t => $"{t.Day:yyyy-MM-dd}|{t.TechnicianId}|{t.City}|{t.Type}|{t.Priority}|{t.Closed}|{t.FixMeasured}|{t.FirstTimeFixed}|{t.RevenueFen}|{t.Ratings}|{t.RatingStars}")
            .Order().ToList();
        return new Snapshot(days, regions, places, technicians, technicianPlaces);
    }
}
