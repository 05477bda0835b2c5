using Google.OrTools.Graph;
using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Tests.Domain.Dispatch.Batch;

/// <summary>Google OR-Tools' min-cost flow on the same scaled integer costs: the optimum our solver must match.</summary>
internal static class OrToolsOracle
{
    public sealed record Optimum(int Assigned, long Cost);

    /// <summary>
    /// Maximum flow of least cost on source → ticket → technician (capacity) → sink: OR-Tools' own
    /// max-cardinality-then-min-cost, a formulation independent of our penalty arcs.
    /// </summary>
    public static Optimum MaxFlowMinCost(BatchProblem problem)
    {
        var (flow, source, sink) = Network(problem);
        flow.SetNodeSupply(source, problem.TicketCount);
        flow.SetNodeSupply(sink, -problem.TicketCount);
        flow.SolveMaxFlowWithMinCost().ShouldBe(MinCostFlowBase.Status.OPTIMAL);
        return new Optimum(checked((int)flow.MaximumFlow()), flow.OptimalCost());
    }

    /// <summary>
    /// The optimum when <paramref name="ticket"/> must go to <paramref name="technician"/>, with every other ticket
    /// free to stay unassigned at <paramref name="penalty"/>; the unforced optimum when no ticket is given.
    /// </summary>
    public static long PenalisedOptimum(BatchProblem problem, long penalty, int? ticket = null, int technician = -1)
    {
        int n = problem.TicketCount, m = problem.TechnicianCount;
        var flow = new MinCostFlow();
        int Ticket(int i) => i;
        int Tech(int j) => n + j;
        var sink = n + m;
        for (var i = 0; i < n; i++)
        {
            flow.SetNodeSupply(Ticket(i), 1);
            if (i == ticket)
            {
                flow.AddArcWithCapacityAndUnitCost(Ticket(i), Tech(technician), 1, problem.ScaledCost(i, technician)!.Value);
                continue;
            }
            flow.AddArcWithCapacityAndUnitCost(Ticket(i), sink, 1, penalty);
            for (var j = 0; j < m; j++)
                if (problem.ScaledCost(i, j) is { } c) flow.AddArcWithCapacityAndUnitCost(Ticket(i), Tech(j), 1, c);
        }
        for (var j = 0; j < m; j++) flow.AddArcWithCapacityAndUnitCost(Tech(j), sink, problem.Capacity[j], 0);
        flow.SetNodeSupply(sink, -n);
        flow.Solve().ShouldBe(MinCostFlowBase.Status.OPTIMAL);
        return flow.OptimalCost();
    }

    private static (MinCostFlow Flow, int Source, int Sink) Network(BatchProblem problem)
    {
        int n = problem.TicketCount, m = problem.TechnicianCount;
        var flow = new MinCostFlow();
        int source = 0, sink = 1 + n + m;
        for (var i = 0; i < n; i++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, 1 + i, 1, 0);
            for (var j = 0; j < m; j++)
                if (problem.ScaledCost(i, j) is { } c) flow.AddArcWithCapacityAndUnitCost(1 + i, 1 + n + j, 1, c);
        }
        for (var j = 0; j < m; j++) flow.AddArcWithCapacityAndUnitCost(1 + n + j, sink, problem.Capacity[j], 0);
        return (flow, source, sink);
    }
}
