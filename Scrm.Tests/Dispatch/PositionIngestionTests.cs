using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Shared;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dispatch;

/// <summary>GPS pings in: each judged on its own, the good ones kept, the technician moved to the newest, old ones swept.</summary>
[Collection(AppCollection.Name)]
public sealed class PositionIngestionTests(TestApp app)
{
    private PositionIngestion Ingestion => app.Get<PositionIngestion>();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<long> TechnicianAsync(int index = 2) => (await app.TechnicianIdsAsync(Regions.East))[index];

    [Fact]
    public async Task GoodPingsAreKeptAndEachBadOneComesBackWithItsReason()
    {
        var id = await TechnicianAsync();
        var start = Now.AddMinutes(-10);
        PositionPing[] batch =
        [
            new(31.2304, 121.4737, start),
            new(null, 121.47, start.AddMinutes(1)),
            new(91, 121.47, start.AddMinutes(2)),
            new(31.23, 121.48, start.AddMinutes(3)),
            new(31.23, 121.49, start.AddMinutes(2.5)),   // before the one kept above it
            new(31.23, 121.50, Now.AddHours(1)),           // a phone clock an hour fast
            new(31.23, 121.50, null),
            new(31.23, 181, start.AddMinutes(4)),
            new(31.24, 121.49, start.AddMinutes(5), Accuracy: 12),
        ];

        var receipt = await Ingestion.IngestAsync(TestApp.Admin, id, batch);

        receipt.Accepted.ShouldBe(3);
        receipt.Rejected.Select(r => (r.Index, r.Code)).ShouldBe(
        [
            (1, "Positions.MissingCoordinates"), (2, "Positions.LatOutOfRange"), (4, "Positions.OutOfOrder"),
            (5, "Positions.InFuture"), (6, "Positions.MissingTime"), (7, "Positions.LngOutOfRange"),
        ]);
        await using var db = await app.DbAsync();
        var kept = await db.TechnicianPositions.Where(p => p.TechnicianId == id && p.RecordedAt >= start).OrderBy(p => p.RecordedAt).ToListAsync();
        kept.Select(p => p.Lng).ShouldBe([121.4737, 121.48, 121.49]);
        var technician = await db.Technicians.SingleAsync(t => t.Id == id);
        (technician.Lat, technician.Lng).ShouldBe((31.24, 121.49));
    }

    [Fact]
    public async Task AnOlderBatchArrivingLateDoesNotMoveTheTechnicianBack()
    {
        var id = await TechnicianAsync(3);
        // A minute ahead (within the allowed clock skew), so no other test's ping of "now" is newer.
        await Ingestion.IngestAsync(TestApp.Admin, id, [new PositionPing(30.2741, 120.1551, Now.AddMinutes(1))]);

        var late = await Ingestion.IngestAsync(TestApp.Admin, id, [new PositionPing(30.1, 120.1, Now.AddMinutes(-30))]);

        late.Accepted.ShouldBe(1);  // kept for the trail
        await using var db = await app.DbAsync();
        (await db.Technicians.SingleAsync(t => t.Id == id)).Lat.ShouldBe(30.2741);
    }

    [Fact]
    public async Task ATechnicianReportsOnlyForThemselfAndAnotherRegionCannotSeeThem()
    {
        var id = await TechnicianAsync();
        var other = await TechnicianAsync(1);
        PositionPing[] one = [new(31.2, 121.4, Now)];

        await Should.ThrowAsync<AccessDeniedException>(() => Ingestion.IngestAsync(TestApp.Technician(other, Regions.East), id, one));
        await Should.ThrowAsync<AccessDeniedException>(() => Ingestion.IngestAsync(TestApp.Agent, id, one));
        await Should.ThrowAsync<NotFoundException>(() => Ingestion.IngestAsync(TestApp.Dispatcher(Regions.South), id, one));
        (await Ingestion.IngestAsync(TestApp.Technician(id, Regions.East), id, one)).Accepted.ShouldBe(1);
    }

    [Fact]
    public async Task AnEmptyOrOversizedBatchIsRefusedWhole()
    {
        var id = await TechnicianAsync();
        var tooMany = Enumerable.Range(0, 501).Select(i => new PositionPing(31.2, 121.4, Now.AddSeconds(-600 + i))).ToList();

        (await Should.ThrowAsync<InputRejectedException>(() => Ingestion.IngestAsync(TestApp.Admin, id, []))).Errors[0].Code.ShouldBe("Positions.BatchSize");
        (await Should.ThrowAsync<InputRejectedException>(() => Ingestion.IngestAsync(TestApp.Admin, id, tooMany))).Errors[0].Code.ShouldBe("Positions.BatchSize");
    }

    [Fact]
    public async Task PingsOlderThanTheRetentionAreRefusedAndOldOnesAreSwept()
    {
        var id = await TechnicianAsync();
        var refused = await Ingestion.IngestAsync(TestApp.Admin, id, [new PositionPing(31.2, 121.4, Now.AddDays(-31))]);
        refused.Rejected.ShouldHaveSingleItem().Code.ShouldBe("Positions.TooOld");

        await using (var db = await app.DbAsync())
        {
            db.TechnicianPositions.Add(new TechnicianPosition { TechnicianId = id, Lat = 31, Lng = 121, RecordedAt = Now.AddDays(-40), ReceivedAt = Now });
            db.TechnicianPositions.Add(new TechnicianPosition { TechnicianId = id, Lat = 31, Lng = 121, RecordedAt = Now.AddDays(-1), ReceivedAt = Now });
            await db.SaveChangesAsync();
        }

        (await app.Get<PositionRetention>().SweepAsync()).ShouldBeGreaterThanOrEqualTo(1);

        await using var after = await app.DbAsync();
        (await after.TechnicianPositions.CountAsync(p => p.RecordedAt < Now.AddDays(-30))).ShouldBe(0);
        (await after.TechnicianPositions.CountAsync(p => p.TechnicianId == id && p.RecordedAt < Now.AddHours(-20))).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task TheLiveFeedHearsTheNewestPositionOfABatch()
    {
        var id = await TechnicianAsync();
        var heard = new TaskCompletionSource<PositionUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = app.Get<PositionFeed>().Subscribe(updates =>
        {
            if (updates.FirstOrDefault(u => u.TechnicianId == id && u.Lng == 121.555) is { } mine) heard.TrySetResult(mine);
            return Task.CompletedTask;
        });

        await Ingestion.IngestAsync(TestApp.Admin, id, [new PositionPing(31.1, 121.4, Now.AddSeconds(-20)), new PositionPing(31.2, 121.555, Now.AddSeconds(-10))]);

        (await heard.Task.WaitAsync(TimeSpan.FromSeconds(5))).Lat.ShouldBe(31.2);
    }
}

/// <summary>"Arriving in 15 minutes": raised once per trip from the pings of the technician on the way.</summary>
[Collection(AppCollection.Name)]
public sealed class ArrivalAnnouncementTests(TestApp app)
{
    [Fact]
    public async Task ATechnicianWithinFifteenMinutesOfTheSiteIsAnnouncedOnceForTheTrip()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "南京", "到达提醒 " + Guid.NewGuid().ToString("N")[..6], nameof(Scrm.Domain.Tickets.TicketType.Maintenance));
        var technician = (await app.TechnicianIdsAsync(Regions.East))[1];
        await app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, technician, null);
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, Scrm.Domain.Tickets.TicketStatus.Accepted, null);
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, Scrm.Domain.Tickets.TicketStatus.EnRoute, null);
        var ingestion = app.Get<PositionIngestion>();

        // 0.2° away (about 20 km): far more than 15 minutes.
        await ingestion.IngestAsync(TestApp.Admin, technician, [new PositionPing(ticket.Lat + 0.2, ticket.Lng, DateTimeOffset.UtcNow.AddSeconds(50))]);
        (await app.LoadTicketAsync(ticket.Row.Id)).ArrivalAnnouncedAt.ShouldBeNull();

        await ingestion.IngestAsync(TestApp.Admin, technician, [new PositionPing(ticket.Lat + 0.01, ticket.Lng, DateTimeOffset.UtcNow.AddSeconds(55))]);
        await ingestion.IngestAsync(TestApp.Admin, technician, [new PositionPing(ticket.Lat + 0.005, ticket.Lng, DateTimeOffset.UtcNow.AddSeconds(58))]);

        (await app.LoadTicketAsync(ticket.Row.Id)).ArrivalAnnouncedAt.ShouldNotBeNull();
        await using var db = await app.DbAsync();
        var announced = await db.OutboxMessages.Where(m => m.AggregateId == ticket.Row.Id && m.Type == nameof(Scrm.Domain.Tickets.TechnicianArriving)).ToListAsync();
        announced.ShouldHaveSingleItem().Payload.ShouldContain("\"etaMinutes\":");
    }
}
