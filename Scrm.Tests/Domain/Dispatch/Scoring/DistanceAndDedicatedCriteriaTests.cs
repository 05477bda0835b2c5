using Scrm.Domain.Common;
using Scrm.Domain.Dispatch.Scoring;
using static Scrm.Tests.Domain.Dispatch.Scoring.ScoringSamples;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

public class DistanceCriterion
{
    private const DispatchCriterion Distance = DispatchCriterion.Distance;

    [Fact]
    public void FallsLinearlyToNothingAtTheUsefulLimit()
    {
        var candidate = Judge(Distance, CriterionMode.Weighted, RepairJob(), Technician(kmEast: 10), weight: 3);

        candidate.DistanceKm.ShouldBe(10, 0.01);
        candidate.Line(Distance).ShouldSatisfyAllConditions(
            l => l.Passed.ShouldBeTrue(), l => l.Score.ShouldBe(0.8, 0.001),
            l => l.Reason.ShouldBe(DispatchReasons.WithinReach), l => l.Args.ShouldBe([10.0, 32]));
        candidate.Total.ShouldBe(2.4, 0.003);
    }

    [Fact]
    public void GivesNothingBeyondTheLimitAndAsAFilterExcludesThere()
    {
        var weighted = Judge(Distance, CriterionMode.Weighted, RepairJob(), Technician(kmEast: 80));
        var filtered = Judge(Distance, CriterionMode.Filter, RepairJob(), Technician(kmEast: 80));
        var near = Judge(Distance, CriterionMode.Filter, RepairJob(), Technician(kmEast: 49));

        weighted.Total.ShouldBe(0);
        weighted.Excluded.ShouldBeFalse();
        filtered.Excluded.ShouldBeTrue();
        filtered.ExcludedBy.Single().ShouldSatisfyAllConditions(
            l => l.Reason.ShouldBe(DispatchReasons.TooFar), l => l.Args.ShouldBe([80.0, 250, 50.0]));
        near.Excluded.ShouldBeFalse();
    }

    [Theory]
    [InlineData(10, 25, 32)] // 13 road km at 25 km/h: 31.2 minutes, rounded up
    [InlineData(10, 40, 20)]
    [InlineData(0, 25, 0)]
    public void EstimatesRoadMinutesFromTheStraightLine(double km, double speed, int minutes) =>
        new TravelModel(speed).EtaMinutes(km).ShouldBe(minutes);

    [Fact]
    public void ReportsDistanceAndEtaEvenWhenDistanceIsOff()
    {
        var candidate = Judge(Distance, CriterionMode.Off, RepairJob(), Technician(kmEast: 10));

        candidate.DistanceKm.ShouldBe(10, 0.01);
        candidate.EtaMinutes.ShouldBe(32);
        candidate.Total.ShouldBe(0);
    }

    [Theory]
    [InlineData(0, 50, "Dispatch.SpeedOutOfRange")]
    [InlineData(double.NaN, 50, "Dispatch.SpeedOutOfRange")]
    [InlineData(25, -1, "Dispatch.MaxDistanceOutOfRange")]
    [InlineData(25, double.PositiveInfinity, "Dispatch.MaxDistanceOutOfRange")]
    public void RefusesATravelModelThatCannotMeasure(double speed, double maxKm, string code) =>
        Should.Throw<DomainRuleException>(() => new TravelModel(speed, maxKm)).Code.ShouldBe(code);
}

public class DedicatedTechnicianCriterion
{
    private const DispatchCriterion Dedicated = DispatchCriterion.DedicatedTechnician;

    [Fact]
    public void AsAWeightFavoursTheCustomersOwnTechnician()
    {
        var own = Judge(Dedicated, CriterionMode.Weighted, RepairJob(dedicated: 7), Technician(id: 7), weight: 2);
        var other = Judge(Dedicated, CriterionMode.Weighted, RepairJob(dedicated: 7), Technician(id: 8), weight: 2);

        own.Total.ShouldBe(2);
        own.Line(Dedicated).Reason.ShouldBe(DispatchReasons.IsDedicated);
        other.Total.ShouldBe(0);
        other.Excluded.ShouldBeFalse();
        other.Line(Dedicated).Reason.ShouldBe(DispatchReasons.NotDedicated);
        other.Line(Dedicated).Args.ShouldBe([7L]);
    }

    [Fact]
    public void AsAFilterLeavesOnlyTheCustomersOwnTechnician()
    {
        Judge(Dedicated, CriterionMode.Filter, RepairJob(dedicated: 7), Technician(id: 7)).Excluded.ShouldBeFalse();
        Judge(Dedicated, CriterionMode.Filter, RepairJob(dedicated: 7), Technician(id: 8)).Excluded.ShouldBeTrue();
    }

    [Fact]
    public void LetsEveryoneThroughWhenTheCustomerHasNone()
    {
        var candidate = Judge(Dedicated, CriterionMode.Filter, RepairJob(dedicated: null), Technician(id: 8));

        candidate.Excluded.ShouldBeFalse();
        candidate.Line(Dedicated).ShouldSatisfyAllConditions(
            l => l.Score.ShouldBe(0), l => l.Reason.ShouldBe(DispatchReasons.NoDedicatedTechnician));
    }
}

public class CriterionSwitchedOff
{
    [Fact]
    public void StaysInTheBreakdownWithoutEffect()
    {
        var candidate = Judge(DispatchCriterion.ServiceArea, CriterionMode.Off, RepairJob(),
            Technician(region: "华南", onLeave: true));

        candidate.Excluded.ShouldBeFalse();
        candidate.Total.ShouldBe(0);
        candidate.Breakdown.Select(l => l.Criterion).ShouldBe(Enum.GetValues<DispatchCriterion>());
        candidate.Breakdown.ShouldAllBe(l => l.Mode == CriterionMode.Off && l.Passed && l.Points == 0
            && l.Reason == DispatchReasons.NotConsidered && l.Args.Length == 0);
    }
}
