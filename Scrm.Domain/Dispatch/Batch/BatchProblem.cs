namespace Scrm.Domain.Dispatch.Batch;

/// <summary>
/// The unassigned queue against today's technicians: a cost per ticket × technician pair (lower is better,
/// <see cref="double.PositiveInfinity"/> where the pair is not allowed) and the jobs each technician can still take.
/// </summary>
/// <remarks>
/// The optimiser works on costs rounded to thousandths (<see cref="CostScale"/>), held as whole numbers, so that
/// "optimal" and "tie" are exact: the app's scores have 2–3 decimals, and floating sums would make two equal plans
/// differ in the last bit. Costs above <see cref="MaxCost"/> are refused to keep every sum far inside a long.
/// </remarks>
public sealed class BatchProblem
{
    /// <summary>Costs are compared in units of 1 / CostScale.</summary>
    public const int CostScale = 1000;

    public const double MaxCost = 1_000_000;

    /// <summary>The reason an explanation names for a forbidden pair the caller gave none for.</summary>
    public const string UnspecifiedReason = "Dispatch.Reason.Unspecified";

    // Far above any real path length, far below overflow: the solver adds it without a branch.
    internal const long Forbidden = 1L << 60;

    private readonly double[,] _costs;
    private readonly string?[,]? _reasons;
    private readonly int[] _capacity;

    public BatchProblem(double[,] costs, IReadOnlyList<int> capacity, string?[,]? infeasibleReasons = null)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(capacity);
        TicketCount = costs.GetLength(0);
        TechnicianCount = costs.GetLength(1);
        if (capacity.Count != TechnicianCount)
            throw new ArgumentException($"{TechnicianCount} technicians need {TechnicianCount} capacities, got {capacity.Count}.", nameof(capacity));
        if (infeasibleReasons is not null &&
            (infeasibleReasons.GetLength(0) != TicketCount || infeasibleReasons.GetLength(1) != TechnicianCount))
            throw new ArgumentException("The reasons must have the shape of the costs.", nameof(infeasibleReasons));

        _capacity = new int[TechnicianCount];
        for (var j = 0; j < TechnicianCount; j++)
        {
            if (capacity[j] < 0)
                throw new ArgumentException($"Technician {j} has a negative capacity ({capacity[j]}).", nameof(capacity));
            _capacity[j] = capacity[j];
        }

        _costs = (double[,])costs.Clone();
        _reasons = (string?[,]?)infeasibleReasons?.Clone();
        Scaled = new long[TicketCount * TechnicianCount];
        for (var i = 0; i < TicketCount; i++)
        for (var j = 0; j < TechnicianCount; j++)
            Scaled[i * TechnicianCount + j] = Scale(costs[i, j], i, j);
        Capacity = Array.AsReadOnly(_capacity);
    }

    public int TicketCount { get; }
    public int TechnicianCount { get; }

    /// <summary>Jobs each technician can still take today.</summary>
    public IReadOnlyList<int> Capacity { get; }

    /// <summary>Row-major scaled costs; <see cref="Forbidden"/> where the pair is not allowed.</summary>
    internal long[] Scaled { get; }

    public double Cost(int ticket, int technician) => _costs[ticket, technician];

    public bool IsFeasible(int ticket, int technician) => !double.IsPositiveInfinity(_costs[ticket, technician]);

    /// <summary>The cost the optimiser compares, in thousandths; null for a forbidden pair.</summary>
    public long? ScaledCost(int ticket, int technician)
    {
        var c = Scaled[ticket * TechnicianCount + technician];
        return c == Forbidden ? null : c;
    }

    /// <summary>Why the pair is forbidden, as the caller said; null for an allowed pair.</summary>
    public string? InfeasibleReason(int ticket, int technician) =>
        IsFeasible(ticket, technician) ? null
            : string.IsNullOrWhiteSpace(_reasons?[ticket, technician]) ? UnspecifiedReason : _reasons[ticket, technician];

    private static long Scale(double cost, int ticket, int technician)
    {
        if (double.IsPositiveInfinity(cost)) return Forbidden;
        if (double.IsNaN(cost) || cost < 0 || cost > MaxCost)
            throw new ArgumentException(
                $"Cost of ticket {ticket} × technician {technician} is {cost}; it must be 0 to {MaxCost}, or +∞ for a forbidden pair.", "costs");
        return (long)Math.Round(cost * CostScale, MidpointRounding.AwayFromZero);
    }
}
