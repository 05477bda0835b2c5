using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using static Scrm.Tests.Domain.Dispatch.Scoring.ScoringSamples;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

public class ServiceAreaCriterion
{
    private const DispatchCriterion Area = DispatchCriterion.ServiceArea;

    [Fact]
    public void PassesInTheJobsRegionWhenTheyListNoCities()
    {
        var candidate = Judge(Area, CriterionMode.Filter, RepairJob(), Technician());

        candidate.Excluded.ShouldBeFalse();
        candidate.Line(Area).ShouldSatisfyAllConditions(
            l => l.Passed.ShouldBeTrue(), l => l.Score.ShouldBe(1), l => l.Points.ShouldBe(0),
            l => l.Reason.ShouldBe(DispatchReasons.InServiceArea), l => l.Args.ShouldBe(["上海"]));
    }

    [Fact]
    public void PassesWhenTheJobsCityIsAmongTheirs() =>
        Judge(Area, CriterionMode.Filter, RepairJob(), Technician(cities: ["苏州", "上海"])).Excluded.ShouldBeFalse();

    [Fact]
    public void ExcludesATechnicianOfAnotherRegion()
    {
        var candidate = Judge(Area, CriterionMode.Filter, RepairJob(), Technician(region: Regions.South));

        candidate.Excluded.ShouldBeTrue();
        candidate.ExcludedBy.Single().ShouldSatisfyAllConditions(
            l => l.Criterion.ShouldBe(Area), l => l.Score.ShouldBe(0),
            l => l.Reason.ShouldBe(DispatchReasons.OutsideRegion), l => l.Args.ShouldBe([Regions.South, Regions.East]));
    }

    [Fact]
    public void ExcludesWhenTheirCitiesLeaveOutTheJobsCity()
    {
        var candidate = Judge(Area, CriterionMode.Filter, RepairJob(), Technician(cities: ["杭州"]));

        candidate.Excluded.ShouldBeTrue();
        candidate.Line(Area).Reason.ShouldBe(DispatchReasons.CityNotServed);
        candidate.Line(Area).Args.ShouldBe(["上海"]);
    }

    [Fact]
    public void AsAWeightOnlyWithholdsThePoints()
    {
        var inside = Judge(Area, CriterionMode.Weighted, RepairJob(), Technician(), weight: 5);
        var outside = Judge(Area, CriterionMode.Weighted, RepairJob(), Technician(cities: ["杭州"]), weight: 5);

        inside.Total.ShouldBe(5);
        outside.Total.ShouldBe(0);
        outside.Excluded.ShouldBeFalse();
        outside.Line(Area).Passed.ShouldBeFalse();
    }
}

public class SkillCriterion
{
    private const DispatchCriterion Skill = DispatchCriterion.Skill;

    [Fact]
    public void ScoresTheLevelOutOfFiveWhenItMeetsTheTicketTypes()
    {
        var candidate = Judge(Skill, CriterionMode.Weighted, RepairJob(minLevel: 3), Technician(skills: [("维修", 4)]), weight: 3);

        candidate.Line(Skill).ShouldSatisfyAllConditions(
            l => l.Passed.ShouldBeTrue(), l => l.Score.ShouldBe(0.8, 1e-12), l => l.Points.ShouldBe(2.4, 1e-12),
            l => l.Reason.ShouldBe(DispatchReasons.SkillMet), l => l.Args.ShouldBe(["维修", 4, 3]));
        candidate.Total.ShouldBe(2.4, 1e-12);
    }

    [Fact]
    public void AsAFilterExcludesALevelBelowTheTicketTypes()
    {
        var candidate = Judge(Skill, CriterionMode.Filter, RepairJob(minLevel: 3), Technician(skills: [("维修", 2)]));

        candidate.Excluded.ShouldBeTrue();
        candidate.Line(Skill).Reason.ShouldBe(DispatchReasons.SkillBelowLevel);
        candidate.Line(Skill).Args.ShouldBe(["维修", 2, 3]);
    }

    [Fact]
    public void AsAWeightStillCountsALevelBelowTheTicketTypes()
    {
        var candidate = Judge(Skill, CriterionMode.Weighted, RepairJob(minLevel: 3), Technician(skills: [("维修", 2)]), weight: 5);

        candidate.Excluded.ShouldBeFalse();
        candidate.Line(Skill).Passed.ShouldBeFalse();
        candidate.Total.ShouldBe(2, 1e-12);
    }

    [Theory]
    [InlineData(CriterionMode.Filter, true)]
    [InlineData(CriterionMode.Weighted, false)]
    public void GivesNothingForAMissingSkill(CriterionMode mode, bool excluded)
    {
        var candidate = Judge(Skill, mode, RepairJob(), Technician(skills: [("安装", 5)]), weight: 3);

        candidate.Excluded.ShouldBe(excluded);
        candidate.Total.ShouldBe(0);
        candidate.Line(Skill).ShouldSatisfyAllConditions(
            l => l.Passed.ShouldBeFalse(), l => l.Score.ShouldBe(0),
            l => l.Reason.ShouldBe(DispatchReasons.SkillMissing), l => l.Args.ShouldBe(["维修"]));
    }
}

public class CertificationCriterion
{
    private const DispatchCriterion Certification = DispatchCriterion.Certification;

    [Fact]
    public void PassesEveryoneWithFullMarksWhenTheJobNeedsNone()
    {
        var candidate = Judge(Certification, CriterionMode.Weighted, RepairJob(certification: null), Technician(), weight: 2);

        candidate.Line(Certification).Reason.ShouldBe(DispatchReasons.NoCertificationNeeded);
        candidate.Total.ShouldBe(2);
    }

    [Fact]
    public void PassesAHolderOfTheRequiredCertification()
    {
        var candidate = Judge(Certification, CriterionMode.Filter, RepairJob(certification: "电工证"),
            Technician(certifications: ["高空作业证", "电工证"]));

        candidate.Excluded.ShouldBeFalse();
        candidate.Line(Certification).Reason.ShouldBe(DispatchReasons.Certified);
        candidate.Line(Certification).Args.ShouldBe(["电工证"]);
    }

    [Fact]
    public void AsAFilterExcludesSomeoneWithoutIt()
    {
        var candidate = Judge(Certification, CriterionMode.Filter, RepairJob(certification: "电工证"), Technician());

        candidate.Excluded.ShouldBeTrue();
        candidate.ExcludedBy.Single().Reason.ShouldBe(DispatchReasons.NotCertified);
    }

    [Fact]
    public void AsAWeightOnlyWithholdsThePoints()
    {
        var candidate = Judge(Certification, CriterionMode.Weighted, RepairJob(certification: "电工证"), Technician(), weight: 4);

        candidate.Excluded.ShouldBeFalse();
        candidate.Total.ShouldBe(0);
    }
}
