using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using static Scrm.Tests.Domain.Dispatch.Scoring.ScoringSamples;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

public class TechnicianIndexUpkeep
{
    [Fact]
    public void FindsTechniciansWithinADistanceNearestFirst()
    {
        var index = IndexOf(Technician(id: 1, kmEast: 30), Technician(id: 2, kmEast: 3), Technician(id: 3, kmEast: 12),
            Technician(id: 4, kmEast: 0));

        index.Within(PeoplesSquare, 15).Select(t => t.Id).ShouldBe([4L, 2L, 3L]);
        index.Within(PeoplesSquare, 100).Count.ShouldBe(4);
    }

    [Fact]
    public void ReplacesATechnicianOnAPing()
    {
        var index = IndexOf(Technician(id: 1, kmEast: 2));

        index.Upsert(Technician(id: 1, kmEast: 40));

        index.Count.ShouldBe(1);
        index.Within(PeoplesSquare, 10).ShouldBeEmpty();
        index.Within(East(40), 1).Single().Id.ShouldBe(1);
    }

    [Fact]
    public void ForgetsARemovedTechnician()
    {
        var index = IndexOf(Technician(id: 1), Technician(id: 2));

        index.Remove(1).ShouldBeTrue();
        index.Remove(1).ShouldBeFalse();

        index.Count.ShouldBe(1);
        index.Best(RepairJob(), DispatchWeights.Default, TravelModel.Default).Select(c => c.Technician.Id).ShouldBe([2L]);
    }

    [Fact]
    public void SuggestsNobodyFromAnEmptyIndex() =>
        new TechnicianIndex().Best(RepairJob(), DispatchWeights.Default, TravelModel.Default).ShouldBeEmpty();

    [Fact]
    public void RefusesToSuggestNoOne() =>
        Should.Throw<ArgumentOutOfRangeException>(() =>
            new TechnicianIndex().Best(RepairJob(), DispatchWeights.Default, TravelModel.Default, count: 0));

    internal static TechnicianIndex IndexOf(params TechnicianFacts[] technicians)
    {
        var index = new TechnicianIndex();
        foreach (var technician in technicians) index.Upsert(technician);
        return index;
    }
}

public class TechnicianIndexSuggestion
{
    [Fact]
    public void ExplainsEachSuggestionAsScoreWould()
    {
        var technician = Technician(id: 5, kmEast: 4);
        var index = TechnicianIndexUpkeep.IndexOf(technician, Technician(id: 6, kmEast: 60));

        var best = index.Best(RepairJob(), DispatchWeights.Default, TravelModel.Default, count: 1).Single();

        best.ShouldBeEquivalentTo(DispatchScorer.Score(RepairJob(), technician, DispatchWeights.Default, TravelModel.Default));
    }

    [Fact]
    public void FindsTheCustomersOwnTechnicianFarAway()
    {
        var weights = DispatchWeights.Default.With(DispatchCriterion.DedicatedTechnician, CriterionMode.Weighted, 50);
        var index = TechnicianIndexUpkeep.IndexOf(
            [.. Enumerable.Range(1, 50).Select(i => Technician(id: i, kmEast: i * 0.2)), Technician(id: 77, kmEast: 400)]);

        index.Best(RepairJob(dedicated: 77), weights, TravelModel.Default).First().Technician.Id.ShouldBe(77);
    }

    [Fact]
    public void FillsUpWithTheExcludedWhenTooFewAreEligible()
    {
        var job = RepairJob(certification: "电工证");
        TechnicianFacts[] technicians =
        [
            Technician(id: 1, kmEast: 1),
            Technician(id: 2, kmEast: 90, certifications: ["电工证"]),
            Technician(id: 3, kmEast: 300, certifications: ["电工证"], onLeave: true),
            Technician(id: 4, kmEast: 2, skills: [("维修", 5)]),
        ];
        var index = TechnicianIndexUpkeep.IndexOf(technicians);

        var best = index.Best(job, DispatchWeights.Default, TravelModel.Default, count: 3);

        best.Select(c => (c.Technician.Id, c.Excluded)).ShouldBe([(2L, false), (4L, true), (1L, true)]);
        best.Select(c => c.Total).ShouldBe(DispatchScorer.Rank(job, technicians, DispatchWeights.Default, TravelModel.Default)
            .Take(3).Select(c => c.Total));
    }

    [Theory]
    [InlineData(31.2304, 121.4737)] // the centre of Shanghai
    [InlineData(30.9, 119.0)] // out in the country, where everyone is too far for distance to count
    public void AllocatesNothingButTheExplainedAnswer(double lat, double lng)
    {
        var world = new EasternChinaWorkforce(seed: 3);
        var technicians = world.Technicians(2_000);
        var index = TechnicianIndexUpkeep.IndexOf([.. technicians]);
        var job = world.Job(1, technicians) with { Site = new GeoPoint(lat, lng), DedicatedTechnicianId = null };
        var (weights, travel) = (DispatchWeights.Default, TravelModel.Default);
        index.Best(job, weights, travel, count: 10); // first use: the pooled buffer and the weights' search plan

        var before = GC.GetAllocatedBytesForCurrentThread();
        var best = index.Best(job, weights, travel, count: 10);
        var searched = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var explained = best.Select(c => DispatchScorer.Score(job, c.Technician, weights, travel)).ToArray();
        var explaining = GC.GetAllocatedBytesForCurrentThread() - before;

        explained.Length.ShouldBe(10);
        // The answer is the same ten explanations; the search adds only the array that holds them.
        searched.ShouldBeLessThanOrEqualTo(explaining, $"the search allocated {searched} bytes, explaining its answer {explaining}");
    }

    [Fact]
    public async Task KeepsAnsweringWhileTechniciansMove()
    {
        var world = new EasternChinaWorkforce(seed: 7);
        var technicians = world.Technicians(500);
        var index = TechnicianIndexUpkeep.IndexOf([.. technicians]);
        var job = world.Job(1, technicians);
        var movers = new EasternChinaWorkforce(seed: 8);

        var pings = Task.Run(() =>
        {
            for (var round = 0; round < 20; round++)
                foreach (var technician in technicians) index.Upsert(movers.Moved(technician));
        });
        var readings = 0;
        while (!pings.IsCompleted || readings == 0)
        {
            var best = index.Best(job, DispatchWeights.Default, TravelModel.Default, count: 10);
            best.Count.ShouldBe(10);
            best.Select(c => c.Technician.Id).Distinct().Count().ShouldBe(10);
            readings++;
        }

        await pings;
        index.Count.ShouldBe(500);
    }
}
