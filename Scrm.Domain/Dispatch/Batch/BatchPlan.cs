namespace Scrm.Domain.Dispatch.Batch;

/// <summary>
/// The optimiser's answer: the most tickets that today's capacities allow, and among such plans the cheapest.
/// </summary>
public sealed class BatchPlan
{
    internal BatchPlan(IReadOnlyList<BatchAssignment> assignments, long scaledTotalCost)
    {
        Assignments = assignments;
        ScaledTotalCost = scaledTotalCost;
        AssignedCount = assignments.Count(a => a.TechnicianIndex is not null);
        TotalCost = assignments.Sum(a => a.Cost ?? 0);
    }

    /// <summary>One per ticket, in ticket order.</summary>
    public IReadOnlyList<BatchAssignment> Assignments { get; }

    public int AssignedCount { get; }

    /// <summary>Sum of the caller's costs of the chosen pairs.</summary>
    public double TotalCost { get; }

    /// <summary>The objective the optimiser minimised exactly: the chosen pairs' costs in 1 / <see cref="BatchProblem.CostScale"/>.</summary>
    public long ScaledTotalCost { get; }
}

/// <summary>What the plan does with one ticket, and why.</summary>
/// <param name="Cost">The caller's cost of the chosen pair; null when unassigned.</param>
/// <param name="RunnerUp">
/// The technician the ticket would go to in the best plan that keeps as many tickets assigned but does not give this
/// ticket its chosen technician. Null when every such move would leave another ticket unassigned, or the ticket has
/// no other technician it may go to.
/// </param>
/// <param name="Gap">
/// How much more that plan costs in total than this one (≥ 0; 0 means an equally good alternative). It counts the
/// knock-on moves of other tickets, so it can exceed the difference of this ticket's two costs, and it is never
/// misleadingly small: no cheaper way exists to take this ticket off its technician.
/// </param>
/// <param name="Blocker">Why an unassigned ticket got nobody; null when assigned.</param>
public sealed record BatchAssignment(
    int TicketIndex,
    int? TechnicianIndex,
    double? Cost,
    int? RunnerUp,
    double? Gap,
    BatchBlocker? Blocker);

public enum BatchBlockerKind
{
    /// <summary>Every pair is forbidden; <see cref="BatchBlocker.Reason"/> is the most common reason among them.</summary>
    NoFeasibleTechnician,

    /// <summary>
    /// Every technician the ticket may go to is full with tickets the optimum keeps (no chain of moves frees a
    /// place without unassigning another ticket).
    /// </summary>
    CapacityExhausted,
}

/// <param name="Reason">
/// The most common reason code among the ticket's forbidden pairs (ties: the code first in ordinal order); null when
/// none is forbidden.
/// </param>
/// <param name="FullTechnicians">For <see cref="BatchBlockerKind.CapacityExhausted"/>, the technicians the ticket may go to, all full.</param>
public sealed record BatchBlocker(BatchBlockerKind Kind, string? Reason, IReadOnlyList<int> FullTechnicians);
