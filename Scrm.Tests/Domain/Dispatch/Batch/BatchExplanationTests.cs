using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Tests.Domain.Dispatch.Batch;

public class BatchExplanation
{
    private const double X = double.PositiveInfinity;
    private const string OutOfArea = "Dispatch.Reason.OutOfArea";
    private const string MissingSkill = "Dispatch.Reason.MissingSkill";

    [Fact]
    public void NamesTheNextBestTechnicianWhenThereIsRoom()
    {
        var plan = BatchOptimiserChoices.Solve(new double[,] { { 4, 1.5, 2.25 } }, [1, 1, 1]);

        var only = plan.Assignments[0];
        only.TechnicianIndex.ShouldBe(1);
        only.RunnerUp.ShouldBe(2);
        only.Gap.ShouldBe(0.75);
    }

    [Fact]
    public void CountsTheKnockOnMovesInTheGap()
    {
        // Optimum T0→B, T1→A = 3. Sending T0 to A pushes T1 to B: 1 + 10 = 11, so the gap is 8, not 2 − 1.
        var plan = BatchOptimiserChoices.Solve(new double[,] { { 1, 2 }, { 1, 10 } }, [1, 1]);

        plan.Assignments[0].RunnerUp.ShouldBe(0);
        plan.Assignments[0].Gap.ShouldBe(8);
        plan.Assignments[1].RunnerUp.ShouldBe(1);
        plan.Assignments[1].Gap.ShouldBe(8);
    }

    [Fact]
    public void ReportsAZeroGapForAnEquallyGoodTechnician()
    {
        var plan = BatchOptimiserChoices.Solve(new double[,] { { 2, 2, 5 } }, [1, 1, 1]);

        plan.Assignments[0].RunnerUp.ShouldNotBeNull();
        plan.Assignments[0].Gap.ShouldBe(0);
    }

    [Fact]
    public void NamesNoRunnerUpWhenEveryMoveWouldLeaveAnotherTicketOut()
    {
        // T1 can only go to B, so moving T0 to B would unassign T1.
        var plan = BatchOptimiserChoices.Solve(new double[,] { { 1, 2 }, { X, 3 } }, [1, 1]);

        plan.Assignments[0].TechnicianIndex.ShouldBe(0);
        plan.Assignments[0].RunnerUp.ShouldBeNull();
        plan.Assignments[0].Gap.ShouldBeNull();
        plan.Assignments[1].RunnerUp.ShouldBeNull();
    }

    [Fact]
    public void NamesTheMostCommonReasonWhenNoTechnicianIsAllowed()
    {
        var plan = BatchOptimiserChoices.Solve(new double[,] { { X, X, X } }, [1, 1, 1],
            new string?[,] { { MissingSkill, OutOfArea, OutOfArea } });

        plan.Assignments[0].Blocker.ShouldBe(new BatchBlocker(BatchBlockerKind.NoFeasibleTechnician, OutOfArea, []), BlockerComparer.Instance);
    }

    [Fact]
    public void BreaksAReasonTieByCodeAndFillsInAMissingReason()
    {
        var tie = BatchOptimiserChoices.Solve(new double[,] { { X, X } }, [1, 1], new string?[,] { { OutOfArea, MissingSkill } });
        tie.Assignments[0].Blocker!.Reason.ShouldBe(MissingSkill);

        var none = BatchOptimiserChoices.Solve(new double[,] { { X } }, [1]);
        none.Assignments[0].Blocker!.Reason.ShouldBe(BatchProblem.UnspecifiedReason);
    }

    [Fact]
    public void SaysCapacityIsExhaustedAndByWhomWhenAllowedTechniciansAreFull()
    {
        // B has no place today at all; A's one place goes to the cheaper T0.
        var plan = BatchOptimiserChoices.Solve(new double[,] { { 1, 1, X }, { 2, 2, X } }, [1, 0, 4],
            new string?[,] { { null, null, OutOfArea }, { null, null, OutOfArea } });

        var blocker = plan.Assignments[1].Blocker!;
        blocker.Kind.ShouldBe(BatchBlockerKind.CapacityExhausted);
        blocker.FullTechnicians.ShouldBe([0, 1]);
        blocker.Reason.ShouldBe(OutOfArea);
    }

    // The gap is defined as "optimum with this ticket forced to the runner-up, minus the optimum"; OR-Tools
    // computes both sides independently, for every allowed technician of every assigned ticket.
    [Theory]
    [InlineData(11, 12, 5, 2)]
    [InlineData(12, 15, 6, 3)]
    [InlineData(13, 20, 4, 4)]
    [InlineData(14, 9, 8, 1)]
    [InlineData(15, 25, 5, 3)]
    [InlineData(16, 18, 7, 2)]
    [InlineData(17, 20, 6, 3)]
    [InlineData(18, 30, 8, 3)]
    public void GapIsWhatForcingTheRunnerUpWouldCostPerOrTools(int seed, int tickets, int technicians, int maxCapacity)
    {
        var problem = RandomBatches.Make(seed, tickets, technicians, maxCapacity, forbiddenShare: 0.25, decimals: seed % 3,
            correlation: seed % 2 == 0 ? 0.8 : 0);
        var plan = BatchOptimiser.Solve(problem);
        const long penalty = 1_000_000_000;
        var optimum = OrToolsOracle.PenalisedOptimum(problem, penalty);

        foreach (var a in plan.Assignments.Where(a => a.TechnicianIndex is not null))
        {
            var extra = Enumerable.Range(0, problem.TechnicianCount)
                .Where(j => j != a.TechnicianIndex && problem.IsFeasible(a.TicketIndex, j) && problem.Capacity[j] > 0)
                .ToDictionary(j => j, j => OrToolsOracle.PenalisedOptimum(problem, penalty, a.TicketIndex, j) - optimum);
            var keeping = extra.Where(e => e.Value < penalty / 2).ToList();
            if (a.RunnerUp is { } runnerUp)
            {
                extra[runnerUp].ShouldBe((long)Math.Round(a.Gap!.Value * BatchProblem.CostScale));
                keeping.Min(e => e.Value).ShouldBe(extra[runnerUp]);
            }
            else keeping.ShouldBeEmpty();
        }
    }

    private sealed class BlockerComparer : IEqualityComparer<BatchBlocker>
    {
        public static readonly BlockerComparer Instance = new();

        public bool Equals(BatchBlocker? x, BatchBlocker? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Reason == y.Reason && x.FullTechnicians.SequenceEqual(y.FullTechnicians);

        public int GetHashCode(BatchBlocker obj) => HashCode.Combine(obj.Kind, obj.Reason);
    }
}
