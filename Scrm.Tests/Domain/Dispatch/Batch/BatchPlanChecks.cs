using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Tests.Domain.Dispatch.Batch;

internal static class BatchPlanChecks
{
    /// <summary>Every promise a plan makes that does not need an oracle.</summary>
    public static void AssertFeasible(BatchProblem problem, BatchPlan plan)
    {
        plan.Assignments.Count.ShouldBe(problem.TicketCount);
        var load = new int[problem.TechnicianCount];
        long scaled = 0;
        for (var i = 0; i < problem.TicketCount; i++)
        {
            var a = plan.Assignments[i];
            a.TicketIndex.ShouldBe(i);
            if (a.TechnicianIndex is { } j)
            {
                problem.IsFeasible(i, j).ShouldBeTrue();
                a.Cost.ShouldBe(problem.Cost(i, j));
                a.Blocker.ShouldBeNull();
                load[j]++;
                scaled += problem.ScaledCost(i, j)!.Value;
                if (a.RunnerUp is { } r)
                {
                    r.ShouldNotBe(j);
                    problem.IsFeasible(i, r).ShouldBeTrue();
                    a.Gap!.Value.ShouldBeGreaterThanOrEqualTo(0);
                }
                else a.Gap.ShouldBeNull();
            }
            else
            {
                a.Cost.ShouldBeNull();
                a.Blocker.ShouldNotBeNull();
                // Maximum cardinality: a ticket left out has no technician with room.
                foreach (var t in a.Blocker.FullTechnicians) problem.IsFeasible(i, t).ShouldBeTrue();
            }
        }
        for (var j = 0; j < problem.TechnicianCount; j++) load[j].ShouldBeLessThanOrEqualTo(problem.Capacity[j]);
        foreach (var a in plan.Assignments.Where(a => a.Blocker is { Kind: BatchBlockerKind.CapacityExhausted }))
            foreach (var t in a.Blocker!.FullTechnicians) load[t].ShouldBe(problem.Capacity[t]);
        plan.ScaledTotalCost.ShouldBe(scaled);
        plan.AssignedCount.ShouldBe(load.Sum());
    }
}
