using Scrm.Domain.Customers;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain.Sla;

public class SlaPolicyChoice
{
    private static readonly IReadOnlyList<SlaPolicy> Policies = SampleSla.Policies();

    private static string Chosen(TicketPriority priority, CustomerTier tier, TicketType type, string region = "华东") =>
        SlaPolicies.Choose(Policies, new SlaSubject(priority, tier, region, type))!.Name;

    [Fact]
    public void AnUrgentTicketGetsTheUrgentPolicyWhateverElseHolds() =>
        Chosen(TicketPriority.Urgent, CustomerTier.Platinum, TicketType.Complaint).ShouldBe("紧急");

    [Fact]
    public void AComplaintComesBeforeTheCustomersTier() =>
        Chosen(TicketPriority.Normal, CustomerTier.Gold, TicketType.Complaint).ShouldBe("投诉");

    [Theory]
    [InlineData(CustomerTier.Gold, "金牌客户")]
    [InlineData(CustomerTier.Platinum, "金牌客户")]
    [InlineData(CustomerTier.Silver, "标准")]
    public void GoldAndPlatinumCustomersGetTheGoldPolicy(CustomerTier tier, string expected) =>
        Chosen(TicketPriority.High, tier, TicketType.Repair).ShouldBe(expected);

    [Fact]
    public void MatchesARegionAndTriesLowerOrdersFirst()
    {
        var south = new SlaPolicy { Key = "south", Name = "华南维修", Order = 5, Regions = ["华南"], TicketTypes = [TicketType.Repair] };
        var policies = Policies.Append(south).Reverse().ToList();

        SlaPolicies.Choose(policies, new(TicketPriority.Urgent, CustomerTier.Standard, "华南", TicketType.Repair))!.Key.ShouldBe("south");
        SlaPolicies.Choose(policies, new(TicketPriority.Urgent, CustomerTier.Standard, "华北", TicketType.Repair))!.Key.ShouldBe("urgent");
        SlaPolicies.Choose(policies, new(TicketPriority.Low, CustomerTier.Standard, "华南", TicketType.Installation))!.Key.ShouldBe("standard");
    }

    [Fact]
    public void BreaksATieInOrderByKey()
    {
        SlaPolicy[] tied = [new() { Key = "b", Order = 1 }, new() { Key = "a", Order = 1 }];

        SlaPolicies.Choose(tied, new(TicketPriority.Low, CustomerTier.Standard, "华东", TicketType.Repair))!.Key.ShouldBe("a");
    }

    [Fact]
    public void NoneWhenNoPolicyMatches() =>
        SlaPolicies.Choose(Policies.Where(p => p.Key != "standard"), new(TicketPriority.Low, CustomerTier.Standard, "华东", TicketType.Repair))
            .ShouldBeNull();
}

public class SlaPolicyValidation
{
    private static readonly SlaPolicy Standard = SampleSla.Policies().Single(p => p.Key == "standard");

    private static IEnumerable<string> Codes(SlaPolicy policy) => policy.Validate().Select(p => p.Code);

    [Fact]
    public void TheSamplePoliciesHaveNoProblems() => SampleSla.Policies().SelectMany(p => p.Validate()).ShouldBeEmpty();

    [Fact]
    public void RefusesATargetOfNoTime() =>
        Codes(Standard with { ArrivalMinutes = 0 }).ShouldBe([SlaProblemCodes.BadTarget]);

    [Fact]
    public void RefusesAPolicyThatMeasuresNothing() =>
        Codes(Standard with { FirstResponseMinutes = null, ArrivalMinutes = null, ResolutionMinutes = null })
            .ShouldBe([SlaProblemCodes.NoTarget]);

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void RefusesAPercentOutsideOneToAThousand(int percent) =>
        Codes(Standard with { Ladder = [new(percent, EscalationAction.VoiceCall)] }).ShouldBe([SlaProblemCodes.BadPercent]);

    [Fact]
    public void RefusesALadderOutOfOrder() =>
        Codes(Standard with { Ladder = [new(75, EscalationAction.NotifySupervisor), new(50, EscalationAction.RemindAssignee)] })
            .ShouldBe([SlaProblemCodes.LadderNotAscending]);

    [Fact]
    public void RefusesAStepForAMetricThePolicyDoesNotMeasure() =>
        Codes(Standard with { ArrivalMinutes = null, Ladder = [new(50, EscalationAction.RemindAssignee, SlaMetric.Arrival)] })
            .ShouldBe([SlaProblemCodes.StepMetricNotMeasured]);

    [Fact]
    public void RefusesAPolicyWithoutACalendar() =>
        Codes(Standard with { CalendarKey = "" }).ShouldBe([SlaProblemCodes.MissingCalendar]);
}
