using System.Numerics;

namespace Scrm.Domain.Dispatch.Batch;

/// <summary>
/// Runner-ups and gaps for an optimal plan, and blockers for the tickets it leaves out.
/// </summary>
/// <remarks>
/// Forcing ticket i off its technician a onto b changes the optimum by the cheapest cycle through the arc i → b in
/// the plan's residual graph: i moves to b, then b passes one of its tickets on (or takes the room it has), and so on
/// until someone moves into a's freed place. Collapsing tickets into their technicians gives a graph on technicians
/// plus the sink (which stands for "spare room" and "the unassigned pool"); one all-pairs shortest-path run over it
/// prices every such move at once: gap(i, b) = c(i,b) − c(i,a) + dist(b → a). The plan is optimal, so the graph has
/// no negative cycle and the gaps are ≥ 0. O(M³ + N·M): for 200 technicians a few milliseconds.
/// </remarks>
internal static class PlanExplanation
{
    private const long Unreachable = long.MaxValue / 4;

    public static BatchAssignment[] Explain(BatchProblem problem, ShortestAugmentingPath plan)
    {
        var n = problem.TicketCount;
        var m = problem.TechnicianCount;
        var dist = TechnicianDistances(problem, plan);
        var sink = m;
        var result = new BatchAssignment[n];
        for (var i = 0; i < n; i++)
        {
            var tech = plan.TechOf[i];
            if (tech < 0)
            {
                result[i] = new BatchAssignment(i, null, null, null, null, Blocker(problem, i));
                continue;
            }

            var own = problem.Scaled[i * m + tech];
            int? runnerUp = null;
            var best = Unreachable;
            for (var b = 0; b < m; b++)
            {
                var c = problem.Scaled[i * m + b];
                var back = dist[b * (sink + 1) + tech];
                if (b == tech || c == BatchProblem.Forbidden || problem.Capacity[b] == 0 || !Reached(back)) continue;
                var gap = c - own + back;
                if (gap < best) { best = gap; runnerUp = b; }
            }
            // A cycle through the unassigned pool that nets one more ticket left out costs at least Penalty / 2.
            if (best * 2 >= plan.Penalty) runnerUp = null;
            result[i] = new BatchAssignment(i, tech, problem.Cost(i, tech), runnerUp,
                runnerUp is null ? null : (double)best / BatchProblem.CostScale, null);
        }
        return result;
    }

    // Real (not reduced) costs: Floyd–Warshall needs only the absence of negative cycles, which optimality gives.
    private static long[] TechnicianDistances(BatchProblem problem, ShortestAugmentingPath plan)
    {
        var m = problem.TechnicianCount;
        var sink = m;
        var size = m + 1;
        var d = new long[size * size];
        Array.Fill(d, Unreachable);
        for (var v = 0; v < size; v++) d[v * size + v] = 0;

        for (var i = 0; i < problem.TicketCount; i++)
        {
            var from = plan.TechOf[i];
            var own = from < 0 ? plan.Penalty : problem.Scaled[i * m + from];
            var node = from < 0 ? sink : from;
            // Ticket i leaves its technician (or the unassigned pool) for b.
            for (var b = 0; b < m; b++)
            {
                var c = problem.Scaled[i * m + b];
                if (b == from || c == BatchProblem.Forbidden || problem.Capacity[b] == 0) continue;
                Lower(d, node * size + b, c - own);
            }
            // Ticket i drops into the unassigned pool.
            if (from >= 0) Lower(d, from * size + sink, plan.Penalty - own);
        }
        for (var j = 0; j < m; j++)
        {
            // Room left: a ticket can arrive without anyone leaving; held tickets: the pool can absorb a departure.
            if (plan.Load[j] < problem.Capacity[j]) Lower(d, j * size + sink, 0);
            if (plan.Load[j] > 0) Lower(d, sink * size + j, 0);
        }

        for (var k = 0; k < size; k++)
        {
            var rowK = d.AsSpan(k * size, size);
            for (var a = 0; a < size; a++)
            {
                var ak = d[a * size + k];
                if (!Reached(ak)) continue;
                Relax(d.AsSpan(a * size, size), ak, rowK);
            }
        }
        return d;
    }

    // rowA[b] = min(rowA[b], ak + rowK[b]) without a branch: an unreachable entry stays above Unreachable / 2, as
    // real path lengths are below 10^16 whatever their sign.
    private static void Relax(Span<long> rowA, long ak, ReadOnlySpan<long> rowK)
    {
        var b = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var via = new Vector<long>(ak);
            for (; b <= rowA.Length - Vector<long>.Count; b += Vector<long>.Count)
                Vector.Min(new Vector<long>(rowA[b..]), via + new Vector<long>(rowK[b..])).CopyTo(rowA[b..]);
        }
        for (; b < rowA.Length; b++) rowA[b] = Math.Min(rowA[b], ak + rowK[b]);
    }

    private static bool Reached(long distance) => distance < Unreachable / 2;

    private static void Lower(long[] d, int at, long value)
    {
        if (value < d[at]) d[at] = value;
    }

    private static BatchBlocker Blocker(BatchProblem problem, int ticket)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var full = new List<int>();
        for (var j = 0; j < problem.TechnicianCount; j++)
        {
            var reason = problem.InfeasibleReason(ticket, j);
            if (reason is null) full.Add(j);
            else counts[reason] = counts.GetValueOrDefault(reason) + 1;
        }
        var common = counts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key)
            .FirstOrDefault();
        return full.Count == 0
            ? new BatchBlocker(BatchBlockerKind.NoFeasibleTechnician, common, [])
            : new BatchBlocker(BatchBlockerKind.CapacityExhausted, common, full);
    }
}
