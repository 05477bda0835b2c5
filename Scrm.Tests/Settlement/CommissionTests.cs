using Scrm.Domain.Settlement;
using Shouldly;

namespace Scrm.Tests.Settlement;

public class CommissionTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    // The demo plan: 0–30 单 8 %, 31–60 单 10 %, 61+ 12 %.
    private static CommissionPlan ByCount(TierMode mode) => new("std", "标准提成", null, CommissionBasis.TicketCount, mode,
        [new(0, 30, 8m), new(31, 60, 10m), new(61, null, 12m)]);

    // By revenue: up to ¥10,000 5 %, above it 8 % (amounts in fen).
    private static CommissionPlan ByRevenue(TierMode mode) => new("rev", "营收提成", null, CommissionBasis.Revenue, mode,
        [new(0, 1_000_000, 5m), new(1_000_001, null, 8m)]);

    private static List<CommissionEntry> Tickets(int count, long eachFen) =>
        Enumerable.Range(0, count).Select(i => new CommissionEntry(7, Monday.AddHours(i), eachFen, true)).ToList();

    //  tickets × ¥100 | mode        | tier | commission
    //  30             | 全额 Whole  | 0    | 30 × 100 × 8 %  = ¥240
    //  31 (crossing)  | 全额 Whole  | 1    | 31 × 100 × 10 % = ¥310   (the whole month at the higher rate)
    //  31 (crossing)  | 累进 Prog.  | 1    | 30 × 8 + 1 × 10 = ¥250   (only the 31st at the higher rate)
    //  61             | 累进 Prog.  | 2    | 240 + 300 + 12  = ¥552
    //  0              | either      | 0    | 0
    [Theory]
    [InlineData(30, TierMode.Whole, 0, 24_000)]
    [InlineData(31, TierMode.Whole, 1, 31_000)]
    [InlineData(31, TierMode.Progressive, 1, 25_000)]
    [InlineData(60, TierMode.Progressive, 1, 54_000)]
    [InlineData(61, TierMode.Progressive, 2, 55_200)]
    [InlineData(61, TierMode.Whole, 2, 73_200)]
    [InlineData(0, TierMode.Progressive, 0, 0)]
    public void ByCountPaysTheTierReachedAsTheModeSays(int tickets, TierMode mode, int tier, long commissionFen)
    {
        var result = Commission.Compute(ByCount(mode), 7, Tickets(tickets, 10_000));

        result.TierIndex.ShouldBe(tier);
        result.Volume.ShouldBe(tickets);
        result.CommissionFen.ShouldBe(commissionFen);
    }

    [Fact]
    public void ProgressiveByCountPaysTheCrossingTicketItselfAtTheHigherRate()
    {
        // 30 small tickets, then a big 31st: only that one earns 10 %.
        var entries = Tickets(30, 10_000);
        entries.Add(new CommissionEntry(7, Monday.AddDays(20), 500_000, true));

        Commission.Compute(ByCount(TierMode.Progressive), 7, entries).CommissionFen.ShouldBe(30 * 800 + 50_000);
    }

    [Fact]
    public void ProgressiveByCountOrdersTicketsByTimeNotByListOrder()
    {
        var entries = Tickets(30, 10_000);
        entries.Insert(0, new CommissionEntry(7, Monday.AddDays(20), 500_000, true));  // listed first, happened last

        Commission.Compute(ByCount(TierMode.Progressive), 7, entries).CommissionFen.ShouldBe(30 * 800 + 50_000);
    }

    //  revenue (fen) | mode   | commission
    //  ¥10,000       | either | 10,000 × 5 % = ¥500
    //  ¥15,000       | 全额   | 15,000 × 8 % = ¥1,200
    //  ¥15,000       | 累进   | 10,000 × 5 % + 5,000 × 8 % = ¥900  (the crossing ticket's revenue split across tiers)
    [Theory]
    [InlineData(1_000_000, TierMode.Whole, 0, 50_000)]
    [InlineData(1_000_000, TierMode.Progressive, 0, 50_000)]
    [InlineData(1_500_000, TierMode.Whole, 1, 120_000)]
    [InlineData(1_500_000, TierMode.Progressive, 1, 90_000)]
    public void ByRevenuePaysTheTierReachedAsTheModeSays(long revenueFen, TierMode mode, int tier, long commissionFen)
    {
        var entries = new List<CommissionEntry> { new(7, Monday, revenueFen - 700_000, true), new(7, Monday.AddDays(1), 700_000, true) };

        var result = Commission.Compute(ByRevenue(mode), 7, entries);

        result.TierIndex.ShouldBe(tier);
        result.CommissionFen.ShouldBe(commissionFen);
    }

    [Fact]
    public void ACreditLowersTheRevenueButNotTheTicketCount()
    {
        var entries = Tickets(31, 10_000);
        entries.Add(new CommissionEntry(7, Monday.AddDays(25), -10_000, false));

        var result = Commission.Compute(ByCount(TierMode.Whole), 7, entries);

        result.Tickets.ShouldBe(31);
        result.TierIndex.ShouldBe(1);
        result.CommissionFen.ShouldBe(30 * 1_000);  // ¥3,000 net at 10 %
    }

    [Fact]
    public void ACreditInAProgressivePlanIsPaidBackAtTheRateTheMonthReached()
    {
        var entries = Tickets(31, 10_000);
        entries.Add(new CommissionEntry(7, Monday.AddDays(25), -10_000, false));

        Commission.Compute(ByCount(TierMode.Progressive), 7, entries).CommissionFen.ShouldBe(25_000 - 1_000);
    }

    [Fact]
    public void CommissionRoundsHalfAwayFromZeroOnce()
    {
        // 3 × 1.5 fen would be 3 × 2 = 6 if rounded per ticket; once it is 4.5 → 5.
        var plan = new CommissionPlan("p", "p", null, CommissionBasis.TicketCount, TierMode.Whole, [new(0, null, 10m)]);
        var entries = Enumerable.Range(0, 3).Select(i => new CommissionEntry(1, Monday.AddHours(i), 15, true)).ToList();

        Commission.Compute(plan, 1, entries).CommissionFen.ShouldBe(5);
    }

    [Fact]
    public void ARegionsOwnPlanWinsOverTheDefault()
    {
        var fallback = ByCount(TierMode.Whole);
        var south = ByRevenue(TierMode.Progressive) with { Region = "华南" };

        Commission.PlanFor([fallback, south], "华南").ShouldBe(south);
        Commission.PlanFor([fallback, south], "华东").ShouldBe(fallback);
        Commission.PlanFor([south], "华东").ShouldBeNull();
    }
}
