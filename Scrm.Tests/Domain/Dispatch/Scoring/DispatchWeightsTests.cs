using Scrm.Domain.Common;
using Scrm.Domain.Dispatch.Scoring;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

public class DispatchWeightsRules
{
    private static IEnumerable<CriterionRule> DefaultRulesWith(CriterionRule replacement) =>
        DispatchWeights.Default.Rules.Select(r => r.Criterion == replacement.Criterion ? replacement : r);

    [Fact]
    public void DefaultFiltersOnAreaCertificationAndAvailabilityAndWeighsTheRest() =>
        DispatchWeights.Default.Rules.Select(r => (r.Criterion, r.Mode, r.Weight)).ShouldBe(
        [
            (DispatchCriterion.ServiceArea, CriterionMode.Filter, 0),
            (DispatchCriterion.Skill, CriterionMode.Weighted, 3),
            (DispatchCriterion.Certification, CriterionMode.Filter, 0),
            (DispatchCriterion.Rating, CriterionMode.Weighted, 1),
            (DispatchCriterion.Workload, CriterionMode.Weighted, 2),
            (DispatchCriterion.Distance, CriterionMode.Weighted, 3),
            (DispatchCriterion.Availability, CriterionMode.Filter, 0),
            (DispatchCriterion.DedicatedTechnician, CriterionMode.Weighted, 2),
        ]);

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RefusesAWeightOutsideZeroToAHundred(double weight)
    {
        var refusal = Should.Throw<DomainRuleException>(() =>
            DispatchWeights.Default.With(DispatchCriterion.Rating, CriterionMode.Weighted, weight));

        refusal.Code.ShouldBe("Dispatch.WeightOutOfRange");
        refusal.Args[0].ShouldBe("Rating");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void AcceptsTheEndsOfTheRange(double weight) =>
        DispatchWeights.Default.With(DispatchCriterion.Rating, CriterionMode.Weighted, weight)[DispatchCriterion.Rating]
            .Weight.ShouldBe(weight);

    [Fact]
    public void RefusesTwoRulesForOneCriterion() =>
        Should.Throw<DomainRuleException>(() => new DispatchWeights(
                DispatchWeights.Default.Rules.Append(new CriterionRule(DispatchCriterion.Skill, CriterionMode.Filter, 0))))
            .Code.ShouldBe("Dispatch.CriterionRepeated");

    [Fact]
    public void RefusesAMissingCriterion()
    {
        var refusal = Should.Throw<DomainRuleException>(() => new DispatchWeights(
            DispatchWeights.Default.Rules.Where(r => r.Criterion != DispatchCriterion.Workload)));

        refusal.Code.ShouldBe("Dispatch.CriterionMissing");
        refusal.Args.ShouldBe(["Workload"]);
    }

    [Fact]
    public void RefusesAModeThatDoesNotExist() =>
        Should.Throw<DomainRuleException>(() => new DispatchWeights(
                DefaultRulesWith(new CriterionRule(DispatchCriterion.Skill, (CriterionMode)7, 1))))
            .Code.ShouldBe("Field.NotOneOf");

    [Fact]
    public void ChangesOneRuleAndLeavesTheOriginalAlone()
    {
        var closer = DispatchWeights.Default.With(DispatchCriterion.Distance, CriterionMode.Weighted, 8);

        closer[DispatchCriterion.Distance].ShouldBe(new CriterionRule(DispatchCriterion.Distance, CriterionMode.Weighted, 8));
        DispatchWeights.Default[DispatchCriterion.Distance].Weight.ShouldBe(3);
        closer.Rules.Where(r => r.Criterion != DispatchCriterion.Distance)
            .ShouldBe(DispatchWeights.Default.Rules.Where(r => r.Criterion != DispatchCriterion.Distance));
    }

    [Fact]
    public void KeepsTheRulesInCriterionOrderWhateverTheyCameIn() =>
        new DispatchWeights(DispatchWeights.Default.Rules.Reverse()).Rules.Select(r => r.Criterion)
            .ShouldBe(Enum.GetValues<DispatchCriterion>());
}
