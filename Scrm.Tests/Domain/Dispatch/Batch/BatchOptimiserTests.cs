using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Tests.Domain.Dispatch.Batch;

public class BatchOptimiserChoices
{
    private const double X = double.PositiveInfinity;

    [Fact]
    public void GivesUpTheCheapestPairWhenGreedyWouldCostMore()
    {
        // Greedy in ticket order: T0→A (1), then T1→B (10) = 11. Optimal: T0→B (2), T1→A (1) = 3.
        var plan = Solve(new double[,] { { 1, 2 }, { 1, 10 } }, [1, 1]);

        Techs(plan).ShouldBe([1, 0]);
        plan.TotalCost.ShouldBe(3);
        plan.ScaledTotalCost.ShouldBe(3000);
    }

    [Fact]
    public void AssignsOneMoreTicketEvenWhenThatCostsMore()
    {
        // T0→A alone costs 1, but T1 can only go to A: both assigned (10 + 5) beats one assigned (1).
        var plan = Solve(new double[,] { { 1, 10 }, { 5, X } }, [1, 1]);

        Techs(plan).ShouldBe([1, 0]);
        plan.AssignedCount.ShouldBe(2);
        plan.TotalCost.ShouldBe(15);
    }

    [Fact]
    public void LetsALaterTicketTakeThePlaceOfADearerEarlierOne()
    {
        // One place for two tickets: the cheaper keeps it, whichever came first.
        var plan = Solve(new double[,] { { 10 }, { 1 } }, [1]);

        Techs(plan).ShouldBe([null, 0]);
        plan.TotalCost.ShouldBe(1);
        plan.Assignments[0].Blocker!.Kind.ShouldBe(BatchBlockerKind.CapacityExhausted);
    }

    [Fact]
    public void FillsATechnicianUpToItsCapacity()
    {
        var plan = Solve(new double[,] { { 1, 5 }, { 1, 5 }, { 1, 5 }, { 1, 5 } }, [3, 2]);

        plan.Assignments.Count(a => a.TechnicianIndex == 0).ShouldBe(3);
        plan.Assignments.Count(a => a.TechnicianIndex == 1).ShouldBe(1);
        plan.TotalCost.ShouldBe(8);
    }

    [Fact]
    public void KeepsTheCheapestTicketsWhenTheQueueExceedsCapacity()
    {
        var plan = Solve(new double[,] { { 4 }, { 2 }, { 9 }, { 1 }, { 3 } }, [2]);

        Techs(plan).ShouldBe([null, 0, null, 0, null]);
        plan.AssignedCount.ShouldBe(2);
        plan.TotalCost.ShouldBe(3);
    }

    [Fact]
    public void NeverUsesATechnicianWithCapacityZero()
    {
        var plan = Solve(new double[,] { { 0, 7 }, { 0, 8 } }, [0, 5]);

        Techs(plan).ShouldBe([1, 1]);
        plan.TotalCost.ShouldBe(15);
    }

    [Fact]
    public void LeavesEveryTicketOutWhenEveryPairIsForbidden()
    {
        var plan = Solve(new double[,] { { X, X }, { X, X } }, [3, 3]);

        plan.AssignedCount.ShouldBe(0);
        plan.TotalCost.ShouldBe(0);
        plan.Assignments.ShouldAllBe(a => a.Blocker!.Kind == BatchBlockerKind.NoFeasibleTechnician);
    }

    [Fact]
    public void TreatsEqualPlansAsEqualCost()
    {
        var plan = Solve(new double[,] { { 3, 3 }, { 3, 3 } }, [1, 1]);

        plan.AssignedCount.ShouldBe(2);
        plan.ScaledTotalCost.ShouldBe(6000);
        plan.Assignments.ShouldAllBe(a => a.Gap == 0);
    }

    [Fact]
    public void ComparesDecimalScoresExactly()
    {
        // 0.1 + 0.2 != 0.3 in doubles; in thousandths both plans cost 300 and 2,000.
        var plan = Solve(new double[,] { { 0.1, 0.3 }, { 0.2, 2 } }, [2, 1]);

        plan.ScaledTotalCost.ShouldBe(300);
        plan.AssignedCount.ShouldBe(2);
    }

    [Fact]
    public void AnswersAnEmptyQueueWithAnEmptyPlan()
    {
        Solve(new double[0, 3], [1, 1, 1]).Assignments.ShouldBeEmpty();
        var noTechnicians = Solve(new double[2, 0], []);
        noTechnicians.AssignedCount.ShouldBe(0);
        noTechnicians.Assignments.ShouldAllBe(a => a.Blocker!.Kind == BatchBlockerKind.NoFeasibleTechnician);
    }

    internal static BatchPlan Solve(double[,] costs, int[] capacity, string?[,]? reasons = null)
    {
        var problem = new BatchProblem(costs, capacity, reasons);
        var plan = BatchOptimiser.Solve(problem);
        BatchPlanChecks.AssertFeasible(problem, plan);
        return plan;
    }

    private static int?[] Techs(BatchPlan plan) => plan.Assignments.Select(a => a.TechnicianIndex).ToArray();
}
