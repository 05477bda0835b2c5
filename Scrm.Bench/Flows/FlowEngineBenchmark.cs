using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Flows;

/// <summary>
/// Flow transitions per second on the repair flow (issue 8's figure: ≥ 100,000 per second on one core):
/// <c>dotnet run -c Release --project Scrm.Bench -- bdn --filter *FlowEngine*</c>. One operation is one
/// <see cref="FlowEngine.Apply"/>: the six signals that carry a started instance from dispatch to its End, reported
/// per transition. The baseline is a plain switch over the same statuses, the least a state machine can cost.
/// </summary>
[Config(typeof(Config))]
public class FlowEngineBenchmark
{
    private const int Transitions = 6;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly FlowSignal[] _signals =
    [
        new StatusReached(TicketStatus.Assigned), new StatusReached(TicketStatus.Accepted), new StatusReached(TicketStatus.OnSite),
        new StatusReached(TicketStatus.Resolved), new StatusReached(TicketStatus.Closed), new SectionCompleted("settlement"),
    ];

    private FlowDefinition _flow = default!;
    private FlowFacts _facts = default!;
    private FlowInstanceState _started = default!;

    [GlobalSetup]
    public void Setup()
    {
        _flow = SampleFlows.Repair();
        if (FlowValidator.Validate(_flow).Count > 0) throw new InvalidOperationException("The repair flow does not validate.");
        _facts = FlowFacts.Of(TicketStatus.New, 35_000, TicketPriority.Normal, TicketType.Repair, "华东", "上海");
        _started = FlowEngine.Start(_flow, _facts, Now).State;
        if (!RepairFlow()) throw new InvalidOperationException("The repair flow did not finish.");
    }

    [Benchmark(Description = "FlowEngine.Apply on the repair flow", OperationsPerInvoke = Transitions)]
    public bool RepairFlow()
    {
        var state = _started;
        var at = Now;
        foreach (var signal in _signals)
        {
            at = at.AddMinutes(1);
            state = FlowEngine.Apply(_flow, state, signal, _facts, at).State;
        }
        return state.Finished;
    }

    [Benchmark(Baseline = true, Description = "Switch over the same statuses", OperationsPerInvoke = Transitions)]
    public bool SwitchBaseline()
    {
        var step = RepairStep.Dispatch;
        foreach (var signal in _signals) step = Next(step, signal);
        return step == RepairStep.Done;
    }

    private enum RepairStep { Dispatch, Accept, OnSite, Repair, Confirm, Settle, Done }

    private static RepairStep Next(RepairStep step, FlowSignal signal) => (step, signal) switch
    {
        (RepairStep.Dispatch, StatusReached { Status: TicketStatus.Assigned }) => RepairStep.Accept,
        (RepairStep.Accept, StatusReached { Status: TicketStatus.Accepted }) => RepairStep.OnSite,
        (RepairStep.OnSite, StatusReached { Status: TicketStatus.OnSite }) => RepairStep.Repair,
        (RepairStep.Repair, StatusReached { Status: TicketStatus.Resolved }) => RepairStep.Confirm,
        (RepairStep.Confirm, StatusReached { Status: TicketStatus.Closed }) => RepairStep.Settle,
        (RepairStep.Settle, SectionCompleted { Section: "settlement" }) => RepairStep.Done,
        _ => step,
    };

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.JoinSummary);
            // Reports go to /tmp, not into the repository.
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scrm-bench-artifacts"));
        }
    }
}
