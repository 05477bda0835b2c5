using Scrm.Domain.Settlement;
using Shouldly;

namespace Scrm.Tests.Settlement;

public class SplitAndMarginTests
{
    //  total (fen) | shares   | parts           | why
    //  10,000      | 60/40    | 6,000 / 4,000   | even
    //  1           | 60/40    | 1 / 0           | the one fen goes to the larger remainder (0.6)
    //  3           | 50/50    | 2 / 1           | tie: to the earlier party
    //  10          | 1/1/1    | 4 / 3 / 3       | largest remainder, three parties
    //  −333        | 60/40    | −200 / −133     | a credit mirrors its bill
    [Theory]
    [InlineData(10_000L, new[] { 60.0, 40.0 }, new[] { 6_000L, 4_000L })]
    [InlineData(1L, new[] { 60.0, 40.0 }, new[] { 1L, 0L })]
    [InlineData(3L, new[] { 50.0, 50.0 }, new[] { 2L, 1L })]
    [InlineData(10L, new[] { 1.0, 1.0, 1.0 }, new[] { 4L, 3L, 3L })]
    [InlineData(-333L, new[] { 60.0, 40.0 }, new[] { -200L, -133L })]
    public void LargestRemainderSplitsToTheFen(long total, double[] shares, long[] expected) =>
        Fen.SplitLargestRemainder(total, shares.Select(s => (decimal)s).ToList()).ShouldBe(expected);

    [Fact]
    public void SplitPartsAlwaysSumToTheWhole()
    {
        var random = new Random(20261127);
        for (var i = 0; i < 2_000; i++)
        {
            var total = random.NextInt64(-10_000_000, 10_000_000);
            var shares = Enumerable.Range(0, random.Next(1, 5)).Select(_ => (decimal)random.Next(1, 100)).ToList();
            Fen.SplitLargestRemainder(total, shares).Sum().ShouldBe(total, $"{total} by {string.Join("/", shares)}");
        }
    }

    [Fact]
    public void APipelineBillSplitsBetweenTheParentAndChildParties()
    {
        var draft = SettlementLineDraft.For(ticketId: 20, technicianId: 5, parentTicketId: 10, parentTechnicianId: 3, revenueFen: 12_345, costFen: 5_000,
            finishedTicket: true, partner: null, split: new PipelineSplit(60, 40));

        draft.Shares.Select(s => (s.Party, s.TechnicianId, s.AmountFen)).ShouldBe([(ShareParty.Parent, (long?)3, 7_407L), (ShareParty.Child, 5, 4_938L)]);
        draft.Shares.Sum(s => s.AmountFen).ShouldBe(12_345);
        draft.Shares.Single(s => s.Party == ShareParty.Child).CountsAsTicket.ShouldBeTrue();
        draft.Shares.Single(s => s.Party == ShareParty.Parent).CountsAsTicket.ShouldBeFalse();
    }

    [Fact]
    public void ALineCarriesItsMarginAndThePartnersShareAndFee()
    {
        var partner = new Partner("cd", "成都服务商", "西南", ["成都"], 70m, 2_000);

        var bill = SettlementLineDraft.For(1, 5, null, null, 50_000, 32_000, true, partner, PipelineSplit.Default);
        var credit = SettlementLineDraft.For(1, 5, null, null, -5_000, 0, false, partner, PipelineSplit.Default);

        (bill.MarginFen, bill.PartnerKey, bill.PartnerShareFen, bill.PartnerFeeFen).ShouldBe((18_000L, "cd", 35_000L, 2_000L));
        (credit.MarginFen, credit.PartnerShareFen, credit.PartnerFeeFen).ShouldBe((-5_000L, -3_500L, 0L));
        bill.Shares.ShouldHaveSingleItem().Party.ShouldBe(ShareParty.Whole);
    }

    //  revenue | cost   | margin | rate
    //  50,000  | 32,000 | 18,000 | 36.0 %
    //  10,000  | 12,000 | −2,000 | −20.0 %
    //  0       | 500    | −500   | (none)
    [Theory]
    [InlineData(50_000, 32_000, 18_000, 36.0)]
    [InlineData(10_000, 12_000, -2_000, -20.0)]
    [InlineData(0, 500, -500, null)]
    public void MarginIsRevenueLessCost(long revenue, long cost, long margin, double? rate)
    {
        var m = new Margin(revenue, cost);

        m.MarginFen.ShouldBe(margin);
        m.RatePercent.ShouldBe(rate is null ? null : (decimal)rate.Value);
    }

    [Fact]
    public void APartnerStatementSumsItsLinesAndCountsOnlyFinishedTickets()
    {
        var statements = MonthlySettlement.Statements([
            new PartnerEntry("cd", 50_000, 35_000, 2_000, true),
            new PartnerEntry("cd", 30_000, 21_000, 2_000, true),
            new PartnerEntry("cd", -5_000, -3_500, 0, false),
            new PartnerEntry("xa", 20_000, 13_000, 0, true),
        ]);

        statements.Count.ShouldBe(2);
        var cd = statements.Single(s => s.PartnerKey == "cd");
        (cd.Tickets, cd.RevenueFen, cd.ShareFen, cd.FeeFen, cd.PayableFen).ShouldBe((2, 75_000L, 52_500L, 4_000L, 56_500L));
    }

    [Theory]
    [InlineData("2026-11", true, "2026-12")]
    [InlineData("2026-12", true, "2027-01")]
    [InlineData("2026-13", false, null)]
    [InlineData("26-11", false, null)]
    [InlineData("2026/11", false, null)]
    public void PeriodsParseAndFollowEachOther(string text, bool valid, string? next)
    {
        SettlementPeriod.TryParse(text, out var period).ShouldBe(valid);
        if (valid) period.Next().ToString().ShouldBe(next);
    }

    [Fact]
    public void APeriodIsTheMonthInShanghai()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        // 2026-11-30 16:30 UTC is 2026-12-01 00:30 in Shanghai.
        SettlementPeriod.Of(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero), zone).ToString().ShouldBe("2026-12");
    }
}
