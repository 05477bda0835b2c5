using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Tests.Domain.Dispatch.Batch;

public class BatchOptimality
{
    // 40 instances: 5–60 tickets × 3–20 technicians, capacities 0–4, ~20 % forbidden pairs, whole scores
    // (heavy ties) or scores with 1–3 decimals; every third one with technicians ranked alike by all tickets.
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MatchesOrToolsOnRandomQueues(int seed)
    {
        var shape = new Random(seed * 7919);
        var problem = RandomBatches.Make(seed, tickets: shape.Next(5, 61), technicians: shape.Next(3, 21),
            maxCapacity: 4, forbiddenShare: 0.2, decimals: seed % 4, correlation: seed % 3 == 0 ? 0.8 : 0);

        AssertOptimal(problem);
    }

    [Theory]
    [InlineData(101, 300, 60, 8, 0.1, 0)]
    [InlineData(102, 1000, 200, 8, 0.1, 0)]
    [InlineData(103, 1000, 200, 8, 0.1, 0.9)]
    [InlineData(104, 400, 30, 5, 0.3, 0.5)] // about half the queue cannot be placed
    public void MatchesOrToolsAtProductionScale(int seed, int tickets, int technicians, int maxCapacity, double forbidden,
        double correlation) =>
        AssertOptimal(RandomBatches.Make(seed, tickets, technicians, maxCapacity, forbidden, decimals: 3, correlation));

    private static void AssertOptimal(BatchProblem problem)
    {
        var plan = BatchOptimiser.Solve(problem);
        var optimum = OrToolsOracle.MaxFlowMinCost(problem);

        plan.AssignedCount.ShouldBe(optimum.Assigned);
        plan.ScaledTotalCost.ShouldBe(optimum.Cost);
        BatchPlanChecks.AssertFeasible(problem, plan);
    }
}
