using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Scrm.Bench.List;

/// <summary>
/// The list query under BenchmarkDotNet: <c>dotnet run -c Release --project Scrm.Bench -- bdn --filter *List*</c>.
/// In-process, so that all cases share one 100,000-ticket database (built once, deleted when the run ends).
/// </summary>
[Config(typeof(Config))]
public class ListQueryBenchmarks
{
    private const int Tickets = 100_000;
    private ListFixture _fixture = default!;
    private ListCase _case = default!;

    [Params("New", "EastNew", "EastClosed", "EastAll")]
    public string Case { get; set; } = "New";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _fixture = await ListFixture.SharedAsync(Tickets);
        _case = ListCase.ByKey(Case);
    }

    [Benchmark(Baseline = true, Description = "raw SQL")]
    public async Task<int> RawSql() => (await _case.RawAsync(_fixture.App.ConnectionString)).Total;

    [Benchmark(Description = "TicketQueries.ListAsync")]
    public async Task<int> TicketQueriesList() => (await _case.EfAsync(_fixture.Queries)).Total;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(5));
            AddColumn(StatisticColumn.P95);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.JoinSummary);
            // Reports go to /tmp, not into the repository.
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scrm-bench-artifacts"));
        }
    }
}
