using Scrm.Domain.Dispatch.Scoring;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

/// <summary>The index is only a faster way to the same answer: for random workforces its shortlist is Rank's head.</summary>
public class IndexShortlist
{
    private const int Workforce = 2_000;

    public static TheoryData<int> Seeds => [11, 23, 37, 41, 59];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void IsExactlyTheHeadOfTheFullRanking(int seed)
    {
        var world = new EasternChinaWorkforce(seed);
        var technicians = world.Technicians(Workforce).ToDictionary(t => t.Id);
        var index = new TechnicianIndex();
        foreach (var technician in technicians.Values) index.Upsert(technician);

        CheckJobs(world, index, technicians, seed, round: "fresh");

        // Pings move a tenth of them and a few leave; the index must follow.
        foreach (var id in technicians.Keys.Where(id => id % 10 == seed % 10).ToList())
            index.Upsert(technicians[id] = world.Moved(technicians[id]));
        foreach (var id in technicians.Keys.Where(id => id % 37 == 0).ToList())
        {
            index.Remove(id).ShouldBeTrue();
            technicians.Remove(id);
        }

        index.Count.ShouldBe(technicians.Count);
        CheckJobs(world, index, technicians, seed, round: "after pings");

        // Ratings fold in and shifts end: each cell keeps its best rated first and knows who is available.
        foreach (var id in technicians.Keys.Where(id => id % 5 == seed % 5).ToList())
            index.Upsert(technicians[id] = world.Rerated(technicians[id]));
        CheckJobs(world, index, technicians, seed, round: "after ratings");
    }

    private static void CheckJobs(EasternChinaWorkforce world, TechnicianIndex index,
        Dictionary<long, TechnicianFacts> technicians, int seed, string round)
    {
        var workforce = technicians.Values.ToList();
        DispatchWeights[] fixedWeights =
        [
            DispatchWeights.Default,
            DispatchWeights.Default.With(DispatchCriterion.Distance, CriterionMode.Weighted, 20),
            DispatchWeights.Default.With(DispatchCriterion.Distance, CriterionMode.Filter, 0),
            DispatchWeights.Default.With(DispatchCriterion.Distance, CriterionMode.Off, 0),
            DispatchWeights.Default.With(DispatchCriterion.DedicatedTechnician, CriterionMode.Filter, 0),
            // No distance: only ratings and spare capacity let the search stop early.
            DispatchWeights.Default.With(DispatchCriterion.Distance, CriterionMode.Off, 0).With(DispatchCriterion.Rating, CriterionMode.Weighted, 10),
            DispatchWeights.Default.With(DispatchCriterion.Workload, CriterionMode.Weighted, 10).With(DispatchCriterion.Availability, CriterionMode.Weighted, 1),
        ];

        for (var j = 0; j < 30; j++)
        {
            var job = world.Job(ticketId: j, workforce);
            var weights = j < fixedWeights.Length * 2 ? fixedWeights[j % fixedWeights.Length] : world.Weights();
            var travel = j % 3 == 0 ? TravelModel.Default : world.Travel();
            var ranked = DispatchScorer.Rank(job, workforce, weights, travel);

            foreach (var count in new[] { 1, 5, 12 })
            {
                var best = index.Best(job, weights, travel, count);

                best.Select(Key).ShouldBe(ranked.Take(count).Select(Key),
                    $"seed {seed}, {round}, job {j} at {job.Site}, {count} wanted, {Describe(weights)}, {travel}");
            }
        }
    }

    private static (long Id, double Total, bool Excluded) Key(CandidateScore c) => (c.Technician.Id, c.Total, c.Excluded);

    private static string Describe(DispatchWeights weights) =>
        string.Join(" ", weights.Rules.Select(r => $"{r.Criterion}:{r.Mode}:{r.Weight}"));
}
