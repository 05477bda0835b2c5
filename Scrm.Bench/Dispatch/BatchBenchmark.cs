using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Google.OrTools.Graph;
using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Bench.Dispatch;

/// <summary>
/// The control room's "assign the whole queue" button at its target size (figure: optimal, ≤ 200 ms):
/// <c>dotnet run -c Release --project Scrm.Bench -- bdn --filter *Batch*</c>.
/// 1,000 tickets × 200 technicians, capacities 5–8, ~10 % forbidden pairs, scores 0–20 with 3 decimals, seed 2026;
/// with <see cref="Correlation"/> 0.8 every ticket ranks the technicians alike (the good ones are good for all), the
/// shape that makes chains of moves long.
/// Our solver (with its explanations) against Google OR-Tools' min-cost flow on the same scaled costs; OR-Tools'
/// solve alone is the baseline, so the Ratio column is ours ÷ theirs. Building OR-Tools' graph costs ~180,000
/// P/Invoke calls, timed apart so that the ratio is to its own solve time.
/// </summary>
[Config(typeof(Config))]
public class BatchBenchmark
{
    private BatchProblem _problem = default!;
    private MinCostFlow? _prebuilt;

    [Params(0.0, 0.8)]
    public double Correlation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = Queue(seed: 2026, tickets: 1000, technicians: 200, Correlation);
        var ours = BatchOptimiser.Solve(_problem);
        using var flow = Build(_problem);
        if (flow.SolveMaxFlowWithMinCost() != MinCostFlowBase.Status.OPTIMAL)
            throw new InvalidOperationException("OR-Tools found no optimum.");
        if (ours.AssignedCount != flow.MaximumFlow() || ours.ScaledTotalCost != flow.OptimalCost())
            throw new InvalidOperationException(
                $"Not optimal: ours {ours.AssignedCount} / {ours.ScaledTotalCost}, OR-Tools {flow.MaximumFlow()} / {flow.OptimalCost()}.");
        Console.WriteLine($"// Batch (correlation {Correlation}): {ours.AssignedCount} of {_problem.TicketCount} assigned, total {ours.TotalCost:F3}; "
            + $"{_problem.Capacity.Sum()} places; both optimal.");
    }

    [Benchmark(Description = "Ours: BatchOptimiser.Solve (plan + runner-ups)")]
    public long Ours() => BatchOptimiser.Solve(_problem).ScaledTotalCost;

    [IterationSetup(Target = nameof(OrToolsSolve))]
    public void BuildForSolve() => _prebuilt = Build(_problem);

    [IterationCleanup(Target = nameof(OrToolsSolve))]
    public void DisposeSolved()
    {
        _prebuilt?.Dispose();
        _prebuilt = null;
    }

    [Benchmark(Baseline = true, Description = "OR-Tools: MinCostFlow solve only")]
    public long OrToolsSolve()
    {
        _prebuilt!.SolveMaxFlowWithMinCost();
        return _prebuilt.OptimalCost();
    }

    [Benchmark(Description = "OR-Tools: build graph + solve")]
    public long OrToolsBuildAndSolve()
    {
        using var flow = Build(_problem);
        flow.SolveMaxFlowWithMinCost();
        return flow.OptimalCost();
    }

    /// <summary>Source → ticket → technician (capacity) → sink; maximum flow of least cost is our objective.</summary>
    private static MinCostFlow Build(BatchProblem problem)
    {
        int n = problem.TicketCount, m = problem.TechnicianCount;
        var flow = new MinCostFlow(2 + n + m, n + n * m + m);
        int source = 0, sink = 1 + n + m;
        for (var i = 0; i < n; i++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, 1 + i, 1, 0);
            for (var j = 0; j < m; j++)
                if (problem.ScaledCost(i, j) is { } c) flow.AddArcWithCapacityAndUnitCost(1 + i, 1 + n + j, 1, c);
        }
        for (var j = 0; j < m; j++) flow.AddArcWithCapacityAndUnitCost(1 + n + j, sink, problem.Capacity[j], 0);
        flow.SetNodeSupply(source, n);
        flow.SetNodeSupply(sink, -n);
        return flow;
    }

    private static BatchProblem Queue(int seed, int tickets, int technicians, double correlation)
    {
        var random = new Random(seed);
        var quality = Enumerable.Range(0, technicians).Select(_ => random.NextDouble() * 20).ToArray();
        var costs = new double[tickets, technicians];
        var reasons = new string?[tickets, technicians];
        for (var i = 0; i < tickets; i++)
        for (var j = 0; j < technicians; j++)
        {
            var forbidden = random.NextDouble() < 0.1;
            var score = correlation * quality[j] + (1 - correlation) * random.NextDouble() * 20;
            costs[i, j] = forbidden ? double.PositiveInfinity : Math.Round(score, 3);
            reasons[i, j] = forbidden ? "Dispatch.Reason.OutOfArea" : null;
        }
        var capacity = Enumerable.Range(0, technicians).Select(_ => random.Next(5, 9)).ToArray();
        return new BatchProblem(costs, capacity, reasons);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // One call per iteration: OR-Tools' graph is spent by a solve and rebuilt before the next; at
            // milliseconds a call, the timer's resolution does not matter.
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.JoinSummary);
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scrm-bench-artifacts"));
        }
    }
}
