using Scrm.Domain.Settlement;
using Shouldly;

namespace Scrm.Tests.Settlement;

public class PlanValidationTests
{
    private static CommissionPlan Plan(params CommissionTier[] tiers) => new("p", "方案", null, CommissionBasis.TicketCount, TierMode.Whole, tiers);

    [Fact]
    public void TheDemoPlanIsSound() =>
        Plan(new(0, 30, 8m), new(31, 60, 10m), new(61, null, 12m)).Validate().ShouldBeEmpty();

    //  tiers                         | code
    //  0–30, 35+                     | gap (31–34 earn nothing)
    //  0–30, 25+                     | overlap
    //  0+, 31+                       | overlap (open tier not last)
    //  0–30 at −1 %, 31+             | negative rate
    //  5–30, 31+                     | must start at zero
    //  0–30, 31–60                   | no open top
    //  0–30, 31+ at 120 %            | rate too high
    //  (none)                        | no tiers
    [Theory]
    [MemberData(nameof(BadPlans))]
    public void ABadPlanIsRefusedWithAStableCode(CommissionTier[] tiers, string code, string field)
    {
        var problems = Plan(tiers).Validate();

        problems.ShouldContain(p => p.Code == code && p.Field == field);
        problems.ShouldAllBe(p => p.Reason.Length > 0);
    }

    public static TheoryData<CommissionTier[], string, string> BadPlans() => new()
    {
        { [new(0, 30, 8m), new(35, null, 10m)], SettlementProblem.Gap, "tiers[1]" },
        { [new(0, 30, 8m), new(25, null, 10m)], SettlementProblem.Overlap, "tiers[1]" },
        { [new(0, null, 8m), new(31, null, 10m)], SettlementProblem.Overlap, "tiers[1]" },
        { [new(0, 30, -1m), new(31, null, 10m)], SettlementProblem.NegativeRate, "tiers[0]" },
        { [new(5, 30, 8m), new(31, null, 10m)], SettlementProblem.MustStartAtZero, "tiers[0]" },
        { [new(0, 30, 8m), new(31, 60, 10m)], SettlementProblem.NoOpenTop, "tiers[1]" },
        { [new(0, 30, 8m), new(31, null, 120m)], SettlementProblem.RateTooHigh, "tiers[1]" },
        { [new(0, 30, 8m), new(31, 20, 9m), new(21, null, 10m)], SettlementProblem.EmptyTier, "tiers[1]" },
        { [], SettlementProblem.NoTiers, "tiers" },
    };

    [Fact]
    public void APartnerOnACityAnotherPartnerServesIsRefused()
    {
        var chengdu = new Partner("cd", "成都服务商", "西南", ["成都"], 70m, 0);
        var rival = new Partner("cd2", "蓉城服务商", "西南", ["成都", "绵阳"], 65m, 0);

        rival.Validate([chengdu]).ShouldContain(p => p.Code == SettlementProblem.TerritoryTaken && p.Reason.Contains("成都"));
        (rival with { Cities = ["绵阳"] }).Validate([chengdu]).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-1, 0, SettlementProblem.ShareOutOfRange)]
    [InlineData(101, 0, SettlementProblem.ShareOutOfRange)]
    [InlineData(70, -100, SettlementProblem.NegativeFee)]
    public void APartnerWithAnImpossibleShareOrFeeIsRefused(decimal share, long fee, string code) =>
        new Partner("xa", "西安服务商", "华北", ["西安"], share, fee).Validate([]).ShouldContain(p => p.Code == code);

    [Fact]
    public void APipelineSplitMustAddUpToAHundred()
    {
        new PipelineSplit(60, 40).Validate().ShouldBeEmpty();
        new PipelineSplit(60, 30).Validate().ShouldHaveSingleItem().Code.ShouldBe(SettlementProblem.ShareOutOfRange);
        new PipelineSplit(110, -10).Validate().ShouldNotBeEmpty();
    }
}
