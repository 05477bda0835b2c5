using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Settlement;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Settlement;
using Scrm.Tests.Infrastructure;
using Shouldly;

namespace Scrm.Tests.Settlement;

[Collection(AppCollection.Name)]
public class SettlementRecordingTests(TestApp app)
{
    private SettlementQueries Queries => app.Get<SettlementQueries>();

    [Fact]
    public async Task AFinalBillBecomesALineInItsShanghaiMonthWithMarginAndOneShare()
    {
        // 2023-05-31 23:30 in Shanghai is still May, though it is 15:30 UTC.
        var bill = SettlementKit.Bill(new DateTimeOffset(2023, 5, 31, 23, 30, 0, TimeSpan.FromHours(8)), 501, 48_000, 30_000);

        await app.DeliverAsync(bill);

        var line = (await app.LinesAsync(bill.TicketId)).ShouldHaveSingleItem();
        (line.Period, line.Kind, line.RevenueFen, line.CostFen, line.MarginFen, line.LateAdjustment).ShouldBe(("2023-05", SettlementLineKind.Bill, 48_000L, 30_000L, 18_000L, false));
        line.Shares.ShouldHaveSingleItem().AmountFen.ShouldBe(48_000);
    }

    [Fact]
    public async Task RedeliveryChangesNothing()
    {
        var bill = SettlementKit.Bill(SettlementKit.At(2023, 6), 502, 10_000);

        await app.DeliverAsync(bill);
        await app.DeliverAsync(bill);
        await app.Get<SettlementRecorder>().HandleBatchAsync([new Scrm.App.Events.StoredEvent(1, nameof(Scrm.Domain.Pricing.BillFinalised), bill)], nameof(SettlementRecorder), CancellationToken.None);

        (await app.LinesAsync(bill.TicketId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ASecondFinalBillForTheSameTicketSettlesNothing()
    {
        var bill = SettlementKit.Bill(SettlementKit.At(2023, 6, 12), 502, 10_000);

        await app.DeliverAsync(bill, bill with { EventId = Guid.CreateVersion7(), TotalFen = 99_999 });

        (await app.LinesAsync(bill.TicketId)).ShouldHaveSingleItem().RevenueFen.ShouldBe(10_000);
    }

    [Fact]
    public async Task ACreditIsANegativeLineInThePeriodItHappensWithTheBillsCityAndPartner()
    {
        var bill = SettlementKit.Bill(SettlementKit.At(2023, 7, 28), 503, 50_000, 20_000, region: "西南", city: "成都");
        var credit = SettlementKit.Credit(bill, SettlementKit.At(2023, 8, 3), -5_000);

        await app.DeliverAsync(bill, credit);

        var lines = await app.LinesAsync(bill.TicketId);
        lines.Select(l => (l.Kind, l.Period, l.RevenueFen, l.PartnerKey)).ShouldBe([
            (SettlementLineKind.Bill, "2023-07", 50_000L, (string?)"chengdu-rongcheng"),
            (SettlementLineKind.Credit, "2023-08", -5_000L, "chengdu-rongcheng"),
        ]);
        (lines[0].PartnerShareFen, lines[0].PartnerFeeFen).ShouldBe((35_000L, 2_000L));
        (lines[1].PartnerShareFen, lines[1].PartnerFeeFen, lines[1].City).ShouldBe((-3_500L, 0L, "成都"));
    }

    [Fact]
    public async Task AChildTicketsBillIsSplitBetweenTheParentsAndItsOwnTechnician()
    {
        var parent = SettlementKit.Bill(SettlementKit.At(2023, 9, 1), 504, 20_000);
        var child = SettlementKit.Bill(SettlementKit.At(2023, 9, 2), 505, 12_345, parentTicketId: parent.TicketId);

        await app.DeliverAsync(parent, child);

        var shares = (await app.LinesAsync(child.TicketId)).Single().Shares.OrderBy(s => s.Party).ToList();
        shares.Select(s => (s.Party, s.TechnicianId, s.AmountFen)).ShouldBe([(ShareParty.Parent, (long?)504, 7_407L), (ShareParty.Child, 505, 4_938L)]);
    }

    [Fact]
    public async Task AClosedPeriodIsFrozenAndALateEventLandsInTheNextOpenPeriodMarkedLate()
    {
        var early = SettlementKit.Bill(SettlementKit.At(2024, 1, 5), 506, 30_000);
        await app.DeliverAsync(early);
        var before = await Queries.StatementAsync(SettlementKit.Finance, new SettlementPeriod(2024, 1));

        await app.Get<SettlementPeriods>().CloseAsync(SettlementKit.Finance, new SettlementPeriod(2024, 1));
        var late = SettlementKit.Bill(SettlementKit.At(2024, 1, 20), 506, 9_000);
        var credit = SettlementKit.Credit(early, SettlementKit.At(2024, 1, 25), -1_000);
        await app.DeliverAsync(late, credit);

        var after = await Queries.StatementAsync(SettlementKit.Finance, new SettlementPeriod(2024, 1));
        after.Period.Closed.ShouldBeTrue();
        after.RevenueFen.ShouldBe(before.RevenueFen);
        after.Tickets.Count.ShouldBe(before.Tickets.Count);
        var lateLine = (await app.LinesAsync(late.TicketId)).ShouldHaveSingleItem();
        (lateLine.Period, lateLine.EventPeriod, lateLine.LateAdjustment).ShouldBe(("2024-02", "2024-01", true));
        (await app.LinesAsync(early.TicketId)).Last().Period.ShouldBe("2024-02");
        var february = await Queries.StatementAsync(SettlementKit.Finance, new SettlementPeriod(2024, 2));
        february.Tickets.Single(t => t.TicketId == late.TicketId).LateAdjustment.ShouldBeTrue();
    }

    [Fact]
    public async Task ClosingIsAuditedAndCannotBeDoneTwiceNorByADispatcher()
    {
        var periods = app.Get<SettlementPeriods>();
        var period = new SettlementPeriod(2024, 3);

        await Should.ThrowAsync<AccessDeniedException>(() => periods.CloseAsync(TestApp.Dispatcher("华东"), period));
        await Should.ThrowAsync<AccessDeniedException>(() => periods.CloseAsync(SettlementKit.Manager("华东"), period));
        await periods.CloseAsync(SettlementKit.Finance, period);
        (await Should.ThrowAsync<DomainRuleException>(() => periods.CloseAsync(TestApp.Admin, period))).Code.ShouldBe("Settlement.AlreadyClosed");
        (await Should.ThrowAsync<DomainRuleException>(() => periods.CloseAsync(TestApp.Admin, periods.Current.Next()))).Code.ShouldBe("Settlement.FuturePeriod");

        await using var db = await app.DbAsync();
        (await db.AuditEntries.AnyAsync(a => a.Entity == nameof(SettlementPeriodClose) && a.EntityId == "2024-03" && a.UserName == "测试财务")).ShouldBeTrue();
    }

    [Fact]
    public async Task APeriodsCommissionIsComputedFromItsLinesByTheTierReached()
    {
        // 31 tickets of ¥100 in 华东 under the standard plan (全额): the 31st lifts the whole month to 10 %.
        var bills = Enumerable.Range(1, 31).Select(i => SettlementKit.Bill(SettlementKit.At(2024, 4, 1).AddHours(i), 507, 10_000)).ToArray();
        await app.DeliverAsync(bills);

        var statement = await Queries.StatementAsync(SettlementKit.Finance, new SettlementPeriod(2024, 4));

        var row = statement.Commissions.Single(c => c.TechnicianId == 507);
        (row.Tier, row.RatePercent, row.Tickets, row.RevenueFen, row.CommissionFen).ShouldBe((2, 10m, 31, 310_000L, 31_000L));
    }

    [Fact]
    public async Task AManagerSeesOnlyTheirRegionAndADispatcherNothing()
    {
        var east = SettlementKit.Bill(SettlementKit.At(2024, 5), 508, 10_000, region: "华东", city: "杭州");
        var south = SettlementKit.Bill(SettlementKit.At(2024, 5), 509, 20_000, region: "华南", city: "广州");
        await app.DeliverAsync(east, south);

        var manager = await Queries.StatementAsync(SettlementKit.Manager("华东"), new SettlementPeriod(2024, 5));
        var finance = await Queries.StatementAsync(SettlementKit.Finance, new SettlementPeriod(2024, 5));

        manager.Tickets.Select(t => t.TicketId).ShouldContain(east.TicketId);
        manager.Tickets.ShouldNotContain(t => t.TicketId == south.TicketId);
        manager.Commissions.ShouldNotContain(c => c.TechnicianId == 509);
        finance.Tickets.Select(t => t.TicketId).ShouldBe([east.TicketId, south.TicketId], ignoreOrder: true);
        await Should.ThrowAsync<AccessDeniedException>(() => Queries.StatementAsync(TestApp.Dispatcher("华东"), new SettlementPeriod(2024, 5)));
        await Should.ThrowAsync<AccessDeniedException>(() => Queries.StatementAsync(TestApp.Technician(508, "华东"), new SettlementPeriod(2024, 5)));
    }

    [Fact]
    public async Task AnEventPublishedThroughTheOutboxReachesSettlement()
    {
        var bill = SettlementKit.Bill(SettlementKit.At(2024, 6), 510, 66_600, 40_000);

        await app.PublishAsync(bill);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await app.LinesAsync(bill.TicketId)).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        (await app.LinesAsync(bill.TicketId)).ShouldHaveSingleItem().MarginFen.ShouldBe(26_600);
    }
}
