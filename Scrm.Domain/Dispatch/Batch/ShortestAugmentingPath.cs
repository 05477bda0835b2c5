namespace Scrm.Domain.Dispatch.Batch;

/// <summary>
/// Exact maximum-cardinality, minimum-cost assignment of tickets to technicians with capacities.
/// </summary>
/// <remarks>
/// <para>
/// Why this method: it is min-cost flow on source → ticket → technician (capacity) → sink, plus a "left unassigned"
/// arc ticket → sink costing <see cref="Penalty"/> (more than twice any total of real costs, so one more assigned
/// ticket always beats any saving), solved the Jonker–Volgenant / Hungarian way: tickets are added one at a time and
/// each runs one Dijkstra with node potentials from that ticket to the sink. The graph is never built, and a
/// technician is one node however many places it has (no copied "slot" columns).
/// </para>
/// <para>
/// The search runs on technicians only. A held ticket can only be reached through its technician, so "a passes one of
/// its tickets to b" is one arc whose cost is the cheapest such move, kept per technician pair in
/// <see cref="_move"/> and refreshed for the few technicians an augmentation touches. Settling a technician then costs
/// O(M), not O(held × M): this matters when scores are correlated (every ticket prefers the same good technicians),
/// where each search settles most of the full technicians before it finds room. A general min-cost-flow SSP with a
/// heap would relax all N·M arcs per ticket instead.
/// </para>
/// <para>
/// Correctness: after all tickets are added every source arc is full, so the source lies on no residual cycle; the
/// potentials keep every other residual arc's reduced cost ≥ 0 (the sink's arcs only gain slack, as the sink is the
/// farthest node a search settles), hence no negative cycle: the flow is optimal. Costs are whole numbers, so ties are
/// exact. O(N·M²) at worst, O(N·M) when technicians have room.
/// </para>
/// </remarks>
internal sealed class ShortestAugmentingPath
{
    private readonly int _n;
    private readonly int _m;
    private readonly long[] _cost;
    private readonly int[] _capacity;
    private readonly int[][] _held;

    // Technician potentials; the sink's is 0. Tickets need none once folded into their technicians.
    private readonly long[] _pi;

    // [a·M + b]: least c(r,b) − c(r,a) over tickets r held by a, and that r. Near Forbidden when none may move.
    // Longs throughout, so that the vector loops in TechnicianScan keep their lanes aligned.
    private readonly long[] _move;
    private readonly long[] _mover;

    // Per technician: least Penalty − c(r,a) over its tickets (dropping one into the pool), and that ticket.
    private readonly long[] _drop;
    private readonly int[] _dropper;

    // One search's scratch: distance of each unsettled technician (long.MaxValue once settled or never eligible),
    // the technician it is reached from (-1: the new ticket), -1 while open, and the settled ones in order.
    private readonly long[] _key;
    private readonly long[] _pred;
    private readonly long[] _open;
    private readonly long[] _eligible;
    private readonly int[] _settled;
    private readonly long[] _settledDist;
    private readonly bool[] _touched;
    private readonly List<int> _touchedList = [];

    public ShortestAugmentingPath(BatchProblem problem)
    {
        _n = problem.TicketCount;
        _m = problem.TechnicianCount;
        _cost = problem.Scaled;
        _capacity = problem.Capacity.ToArray();

        long sumOfWorst = 0;
        for (var i = 0; i < _n; i++)
        {
            long worst = 0;
            for (var j = 0; j < _m; j++)
                if (_cost[i * _m + j] != BatchProblem.Forbidden) worst = Math.Max(worst, _cost[i * _m + j]);
            sumOfWorst += worst;
        }
        Penalty = 2 * sumOfWorst + 1;

        TechOf = new int[_n];
        Array.Fill(TechOf, -1);
        Load = new int[_m];
        _held = new int[_m][];
        for (var j = 0; j < _m; j++) _held[j] = new int[_capacity[j]];
        _pi = new long[_m];
        _move = new long[_m * _m];
        Array.Fill(_move, BatchProblem.Forbidden);
        _mover = new long[_m * _m];
        _drop = new long[_m];
        _dropper = new int[_m];
        _key = new long[_m];
        _pred = new long[_m];
        _open = new long[_m];
        _settled = new int[_m];
        _settledDist = new long[_m];
        _touched = new bool[_m];

        // A technician with no place today can never be used: leaving it out of every search also keeps its
        // potential from drifting, since nothing would bound it.
        _eligible = new long[_m];
        for (var j = 0; j < _m; j++) _eligible[j] = _capacity[j] > 0 ? -1 : 0;
    }

    /// <summary>The cost of leaving one ticket unassigned, in scaled units: above twice any total of real costs.</summary>
    public long Penalty { get; }

    /// <summary>Per ticket the technician index, or -1.</summary>
    public int[] TechOf { get; }

    public int[] Load { get; }

    public void Run()
    {
        for (var i = 0; i < _n; i++) Add(i);
    }

    private void Add(int root)
    {
        var key = _key.AsSpan();
        TechnicianScan.Start(key, _cost.AsSpan(root * _m, _m), _pi);
        _eligible.CopyTo(_open, 0);
        for (var j = 0; j < _m; j++)
            if (_open[j] == 0) key[j] = long.MaxValue;
        _pred.AsSpan().Fill(-1);
        var settled = 0;

        // Where the path ends: a technician with room, a technician dropping a ticket into the pool, or the new
        // ticket itself staying in the pool (both -1). A forbidden pair's key is near 2^60: never below the sink.
        var sinkDist = Penalty;
        var endRoom = -1;
        var endDrop = -1;

        while (true)
        {
            var a = TechnicianScan.ArgMin(key, sinkDist);
            if (a < 0) break;
            var basis = key[a] + _pi[a];
            _settledDist[a] = key[a];
            _settled[settled++] = a;
            key[a] = long.MaxValue;
            _open[a] = 0;

            if (Load[a] < _capacity[a] && basis < sinkDist)
            {
                sinkDist = basis;
                endRoom = a;
                endDrop = -1;
            }
            if (Load[a] == 0) continue;
            if (basis + _drop[a] < sinkDist)
            {
                sinkDist = basis + _drop[a];
                endRoom = -1;
                endDrop = a;
            }
            TechnicianScan.Relax(key, _pred, _open, _move.AsSpan(a * _m, _m), _pi, basis, a);
        }

        for (var s = 0; s < settled; s++)
        {
            var j = _settled[s];
            _pi[j] += _settledDist[j] - sinkDist;
        }

        Augment(root, endRoom, endDrop);
    }

    // Walks the path back from the sink: each technician on it takes a ticket from its predecessor (the new ticket
    // at the start), then the moves of the touched technicians are brought up to date.
    private void Augment(int root, int endRoom, int endDrop)
    {
        int tech;
        if (endRoom >= 0)
        {
            tech = endRoom;
        }
        else if (endDrop >= 0)
        {
            tech = endDrop;
            var dropped = _dropper[tech];
            Remove(tech, dropped);
            TechOf[dropped] = -1;
        }
        else
        {
            return;
        }

        while (true)
        {
            var from = (int)_pred[tech];
            var row = from < 0 ? root : (int)_mover[from * _m + tech];
            _held[tech][Load[tech]++] = row;
            TechOf[row] = tech;
            Touch(tech);
            if (from < 0) break;
            Remove(from, row);
            tech = from;
        }

        foreach (var t in _touchedList)
        {
            Refresh(t);
            _touched[t] = false;
        }
        _touchedList.Clear();
    }

    private void Remove(int tech, int row)
    {
        var held = _held[tech];
        var at = Array.IndexOf(held, row, 0, Load[tech]);
        held[at] = held[--Load[tech]];
        Touch(tech);
    }

    private void Touch(int tech)
    {
        if (_touched[tech]) return;
        _touched[tech] = true;
        _touchedList.Add(tech);
    }

    private void Refresh(int a)
    {
        var moves = _move.AsSpan(a * _m, _m);
        var movers = _mover.AsSpan(a * _m, _m);
        moves.Fill(BatchProblem.Forbidden);
        _drop[a] = BatchProblem.Forbidden;
        for (var h = 0; h < Load[a]; h++)
        {
            var row = _held[a][h];
            var costs = _cost.AsSpan(row * _m, _m);
            var own = costs[a];
            if (Penalty - own < _drop[a]) { _drop[a] = Penalty - own; _dropper[a] = row; }
            TechnicianScan.Lower(moves, movers, costs, own, row);
        }
    }
}
