using Scrm.Domain.Common;
using Scrm.Domain.Dispatch.Scoring;
using static Scrm.Tests.Domain.Dispatch.Scoring.ScoringSamples;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

public class RatingCriterion
{
    private const DispatchCriterion Rating = DispatchCriterion.Rating;

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(3.0, 0.5)]
    [InlineData(4.2, 0.8)]
    [InlineData(5.0, 1.0)]
    public void ScoresTheRatingAboveTheLowestOutOfFour(double rating, double score)
    {
        var candidate = Judge(Rating, CriterionMode.Weighted, RepairJob(), Technician(rating: rating), weight: 10);

        candidate.Line(Rating).Score.ShouldBe(score, 1e-12);
        candidate.Total.ShouldBe(10 * score, 1e-12);
    }

    [Fact]
    public void PutsTheUnratedInTheMiddleAndLetsThemThroughTheFilter()
    {
        var weighted = Judge(Rating, CriterionMode.Weighted, RepairJob(), Technician(rating: null), weight: 2);
        var filtered = Judge(Rating, CriterionMode.Filter, RepairJob(), Technician(rating: null));

        weighted.Total.ShouldBe(1);
        weighted.Line(Rating).Reason.ShouldBe(DispatchReasons.Unrated);
        filtered.Excluded.ShouldBeFalse();
    }

    [Fact]
    public void AsAFilterExcludesARatingBelowTheMiddle()
    {
        var low = Judge(Rating, CriterionMode.Filter, RepairJob(), Technician(rating: 2.9));
        var middle = Judge(Rating, CriterionMode.Filter, RepairJob(), Technician(rating: 3));

        low.Excluded.ShouldBeTrue();
        low.ExcludedBy.Single().Reason.ShouldBe(DispatchReasons.RatedLow);
        low.ExcludedBy.Single().Args.ShouldBe([2.9, 3.0]);
        middle.Excluded.ShouldBeFalse();
        middle.Line(Rating).Reason.ShouldBe(DispatchReasons.Rated);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(5.1)]
    [InlineData(double.NaN)]
    public void RefusesARatingOffTheScale(double rating) =>
        Should.Throw<DomainRuleException>(() => Technician(rating: rating)).Code.ShouldBe("Rating.OutOfRange");
}

public class WorkloadCriterion
{
    private const DispatchCriterion Workload = DispatchCriterion.Workload;

    [Theory]
    [InlineData(0, 8, 1.0)]
    [InlineData(2, 8, 0.75)]
    [InlineData(3, 6, 0.5)]
    [InlineData(6, 6, 0.0)]
    [InlineData(9, 6, 0.0)]
    public void ScoresTheShareOfTheDailyCapStillFree(int openJobs, int dailyCap, double score) =>
        Judge(Workload, CriterionMode.Weighted, RepairJob(), Technician(openJobs: openJobs, dailyCap: dailyCap))
            .Line(Workload).Score.ShouldBe(score, 1e-12);

    [Fact]
    public void MeasuresAgainstEightJobsWhenNoCapIsSet()
    {
        var line = Judge(Workload, CriterionMode.Weighted, RepairJob(), Technician(openJobs: 4, dailyCap: 0)).Line(Workload);

        line.Score.ShouldBe(0.5);
        line.Args.ShouldBe([4, TechnicianFacts.DefaultDailyCap]);
    }

    [Fact]
    public void AsAFilterExcludesSomeoneWithAFullDaysWorkOpen()
    {
        var full = Judge(Workload, CriterionMode.Filter, RepairJob(), Technician(openJobs: 6, dailyCap: 6));
        var room = Judge(Workload, CriterionMode.Filter, RepairJob(), Technician(openJobs: 5, dailyCap: 6));

        full.Excluded.ShouldBeTrue();
        full.ExcludedBy.Single().Reason.ShouldBe(DispatchReasons.Overloaded);
        room.Excluded.ShouldBeFalse();
        room.Line(Workload).Reason.ShouldBe(DispatchReasons.HasCapacity);
    }

    [Fact]
    public void RefusesANegativeCount() =>
        Should.Throw<DomainRuleException>(() => Technician(openJobs: -1)).Code.ShouldBe("Field.Negative");
}

public class AvailabilityCriterion
{
    private const DispatchCriterion Availability = DispatchCriterion.Availability;

    [Fact]
    public void PassesSomeoneOnShiftWithRoomLeftToday()
    {
        var candidate = Judge(Availability, CriterionMode.Filter, RepairJob(), Technician(jobsToday: 5, dailyCap: 6));

        candidate.Excluded.ShouldBeFalse();
        candidate.Line(Availability).ShouldSatisfyAllConditions(
            l => l.Score.ShouldBe(1), l => l.Reason.ShouldBe(DispatchReasons.Available), l => l.Args.ShouldBe([5, 6]));
    }

    [Theory]
    [InlineData(true, true, 0, DispatchReasons.OnLeave)]
    [InlineData(false, true, 0, DispatchReasons.OnLeave)]
    [InlineData(false, false, 0, DispatchReasons.OffShift)]
    [InlineData(true, false, 6, DispatchReasons.DailyCapReached)]
    public void NamesWhatMakesThemUnavailable(bool onShift, bool onLeave, int jobsToday, string reason)
    {
        var candidate = Judge(Availability, CriterionMode.Filter, RepairJob(),
            Technician(onShift: onShift, onLeave: onLeave, jobsToday: jobsToday, dailyCap: 6));

        candidate.Excluded.ShouldBeTrue();
        candidate.ExcludedBy.Single().Reason.ShouldBe(reason);
    }

    [Fact]
    public void AsAWeightOnlyWithholdsThePoints()
    {
        var away = Judge(Availability, CriterionMode.Weighted, RepairJob(), Technician(onShift: false), weight: 4);
        var here = Judge(Availability, CriterionMode.Weighted, RepairJob(), Technician(), weight: 4);

        away.Excluded.ShouldBeFalse();
        away.Total.ShouldBe(0);
        here.Total.ShouldBe(4);
    }
}
