using Scrm.Domain.Dispatch.Scoring;
using static Scrm.Tests.Domain.Dispatch.Scoring.ScoringSamples;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

public class CandidateRanking
{
    private static readonly DispatchWeights Default = DispatchWeights.Default;

    [Fact]
    public void TotalsThePointsOfTheWeightedCriteria()
    {
        // Level 4 of 5, rating 4, 2 of 8 jobs open, 10 km of 50, not the dedicated one.
        var candidate = DispatchScorer.Score(RepairJob(dedicated: 99), Technician(kmEast: 10), Default, TravelModel.Default);

        candidate.Total.ShouldBe(3 * 0.8 + 1 * 0.75 + 2 * 0.75 + 3 * 0.8 + 2 * 0, 0.003);
        candidate.Total.ShouldBe(candidate.Breakdown.Sum(l => l.Points), 1e-12);
        candidate.Breakdown.Where(l => l.Mode == CriterionMode.Filter).ShouldAllBe(l => l.Points == 0);
    }

    [Fact]
    public void ExplainsEveryCriterionOfTheChosenTechnician() =>
        DispatchScorer.Score(RepairJob(), Technician(), Default, TravelModel.Default).Breakdown
            .Select(l => (l.Criterion, l.Reason)).ShouldBe(
            [
                (DispatchCriterion.ServiceArea, DispatchReasons.InServiceArea),
                (DispatchCriterion.Skill, DispatchReasons.SkillMet),
                (DispatchCriterion.Certification, DispatchReasons.NoCertificationNeeded),
                (DispatchCriterion.Rating, DispatchReasons.Rated),
                (DispatchCriterion.Workload, DispatchReasons.HasCapacity),
                (DispatchCriterion.Distance, DispatchReasons.WithinReach),
                (DispatchCriterion.Availability, DispatchReasons.Available),
                (DispatchCriterion.DedicatedTechnician, DispatchReasons.NoDedicatedTechnician),
            ]);

    [Fact]
    public void RanksByTotalHighestFirst()
    {
        var ranked = DispatchScorer.Rank(RepairJob(), [
            Technician(id: 1, skills: [("维修", 3)]),
            Technician(id: 2, skills: [("维修", 5)]),
            Technician(id: 3, skills: [("维修", 4)]),
        ], Default, TravelModel.Default);

        ranked.Select(c => c.Technician.Id).ShouldBe([2L, 3L, 1L]);
        ranked.ShouldBeInOrder(SortDirection.Descending, Comparer<CandidateScore>.Create((a, b) => a.Total.CompareTo(b.Total)));
    }

    [Fact]
    public void BreaksATieForTheNearerAndThenTheLowerId()
    {
        // Distance off, so distance only breaks the tie.
        var weights = Default.With(DispatchCriterion.Distance, CriterionMode.Off, 0);

        var ranked = DispatchScorer.Rank(RepairJob(), [
            Technician(id: 30, kmEast: 5),
            Technician(id: 20, kmEast: 1),
            Technician(id: 10, kmEast: 5),
        ], weights, TravelModel.Default);

        ranked.Select(c => c.Technician.Id).ShouldBe([20L, 10L, 30L]);
        ranked.Select(c => c.Total).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public void PutsTheExcludedLastWithWhatExcludedThem()
    {
        var ranked = DispatchScorer.Rank(RepairJob(certification: "电工证"), [
            Technician(id: 1, skills: [("维修", 5)], rating: 5, kmEast: 0.5, onLeave: true),
            Technician(id: 2, skills: [("维修", 3)], certifications: ["电工证"], kmEast: 20),
            Technician(id: 3, skills: [("维修", 5)], region: "华南", onShift: false),
        ], Default, TravelModel.Default);

        ranked.Select(c => (c.Technician.Id, c.Excluded)).ShouldBe([(2L, false), (1L, true), (3L, true)]);
        ranked[0].ExcludedBy.ShouldBeEmpty();
        ranked[1].ExcludedBy.Select(l => l.Reason).ShouldBe([DispatchReasons.NotCertified, DispatchReasons.OnLeave]);
        ranked[2].ExcludedBy.Select(l => l.Reason)
            .ShouldBe([DispatchReasons.OutsideRegion, DispatchReasons.NotCertified, DispatchReasons.OffShift]);
    }

    [Fact]
    public void RanksNobodyWhenThereIsNobody() =>
        DispatchScorer.Rank(RepairJob(), [], Default, TravelModel.Default).ShouldBeEmpty();

    [Fact]
    public void RefusesAJobWithASkillLevelOffTheScale() =>
        Should.Throw<Scrm.Domain.Common.DomainRuleException>(() => RepairJob(minLevel: 0)).Code.ShouldBe("Skill.LevelOutOfRange");
}
