using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;

namespace Scrm.Bench.Dispatch;

/// <summary>
/// The best five technicians for one job among 10,000 (the figure: ≤ 2 ms p99):
/// <c>dotnet run -c Release --project Scrm.Bench -- bdn --filter *Suggestion*</c>.
/// The index against the baseline that scores and ranks everyone, for a job in the dense centre of Shanghai,
/// one in a Hangzhou suburb, one out in the country between cities, and one needing a certificate few hold.
/// </summary>
[Config(typeof(Config))]
public class SuggestionBenchmark
{
    private const int Technicians = 10_000;

    private List<TechnicianFacts> _workforce = default!;
    private TechnicianIndex _index = default!;
    private DispatchJob _job = default!;
    private readonly DispatchWeights _weights = DispatchWeights.Default;
    private readonly TravelModel _travel = TravelModel.Default;

    [Params("Shanghai centre", "Hangzhou suburb", "Countryside", "Rare certificate")]
    public string Site { get; set; } = "Shanghai centre";

    [GlobalSetup]
    public void Setup()
    {
        _workforce = SuggestionWorkforce.Technicians(Technicians, seed: 2024);
        _index = new TechnicianIndex();
        foreach (var technician in _workforce) _index.Upsert(technician);
        _job = Site switch
        {
            "Shanghai centre" => RepairAt(new GeoPoint(31.2304, 121.4737), "上海"),
            "Hangzhou suburb" => RepairAt(new GeoPoint(30.38, 120.02), "杭州"),
            "Countryside" => RepairAt(new GeoPoint(30.9, 119.0), "南京"),
            "Rare certificate" => RepairAt(new GeoPoint(31.30, 120.60), "苏州") with { Certification = "高空作业证", MinSkillLevel = 4 },
            _ => throw new ArgumentOutOfRangeException(nameof(Site), Site, null),
        };

        // A benchmark of a wrong answer is worthless: the index must agree with the full ranking.
        var fromIndex = _index.Best(_job, _weights, _travel).Select(c => (c.Technician.Id, c.Total));
        var fromScan = DispatchScorer.Rank(_job, _workforce, _weights, _travel).Take(5).Select(c => (c.Technician.Id, c.Total));
        if (!fromIndex.SequenceEqual(fromScan)) throw new InvalidOperationException($"Index and scan disagree for {Site}.");
    }

    [Benchmark(Baseline = true, Description = "Rank all 10,000, take 5")]
    public long FullScan() => DispatchScorer.Rank(_job, _workforce, _weights, _travel)[0].Technician.Id;

    [Benchmark(Description = "TechnicianIndex.Best(5)")]
    public long Index() => _index.Best(_job, _weights, _travel)[0].Technician.Id;

    private static DispatchJob RepairAt(GeoPoint site, string city) =>
        new(1, Regions.East, city, site, "维修", MinSkillLevel: 2, Certification: null, DedicatedTechnicianId: null);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.JoinSummary);
            // Reports go to /tmp, not into the repository.
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scrm-bench-artifacts"));
        }
    }
}
