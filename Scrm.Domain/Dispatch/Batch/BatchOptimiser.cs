namespace Scrm.Domain.Dispatch.Batch;

/// <summary>
/// Assigns the whole unassigned queue at once: as many tickets as today's capacities allow, and among those plans
/// the one of least total cost, exactly (not greedy), each choice with its runner-up and each miss with its blocker.
/// </summary>
public static class BatchOptimiser
{
    public static BatchPlan Solve(BatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var solver = new ShortestAugmentingPath(problem);
        solver.Run();
        long total = 0;
        for (var i = 0; i < problem.TicketCount; i++)
            if (solver.TechOf[i] >= 0) total += problem.Scaled[i * problem.TechnicianCount + solver.TechOf[i]];
        return new BatchPlan(PlanExplanation.Explain(problem, solver), total);
    }
}
