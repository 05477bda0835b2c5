using Scrm.Domain.Common;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Sandbox;

/// <summary>
/// A dry run of a flow in memory: the designer's current definition on sample or real facts, driven by the signals a
/// person picks. Nothing is stored. Time is the sandbox's own: it starts at the given moment and jumps forward to a
/// timer's due time when that timer is fired, so a run needs no waiting.
/// </summary>
public sealed class FlowSandbox
{
    private readonly DateTimeOffset _startAt;
    private readonly FlowFacts _startFacts;
    private readonly List<SandboxStep> _steps = [];
    private readonly Dictionary<string, ScheduleTimer> _timers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _edges = new(StringComparer.Ordinal);

    public FlowSandbox(FlowDefinition flow, FlowFacts facts, DateTimeOffset startAt)
    {
        (Flow, Facts, Now, _startAt, _startFacts) = (flow, facts, startAt, startAt, facts);
    }

    public FlowDefinition Flow { get; }
    public FlowFacts Facts { get; private set; }
    public DateTimeOffset Now { get; private set; }
    /// <summary>Null until the run started.</summary>
    public FlowInstanceState? State { get; private set; }
    public IReadOnlyList<SandboxStep> Steps => _steps;

    /// <summary>The engine needs a Start node; every other validator problem still lets the sandbox run.</summary>
    public bool CanStart => Flow.Nodes.Any(n => n.Kind == FlowNodeKind.Start);
    public bool Started => State is not null;
    public bool Finished => State?.Finished == true;

    public IReadOnlySet<string> ActiveNodes => (State?.Active.Select(a => a.NodeId) ?? []).ToHashSet(StringComparer.Ordinal);
    public IReadOnlySet<string> VisitedNodes => (State?.Path.Select(p => p.NodeId) ?? []).ToHashSet(StringComparer.Ordinal);
    public IReadOnlySet<string> TraversedEdges => _edges;
    /// <summary>Timers the run scheduled that are neither cancelled nor fired, soonest first.</summary>
    public IEnumerable<ScheduleTimer> PendingTimers => _timers.Values.OrderBy(t => t.DueAt);

    public SandboxStep Start()
    {
        Reset();
        return Run(null, () => FlowEngine.Start(Flow, Facts, Now));
    }

    /// <summary>Starts from where a real ticket's flow stands; its path is drawn as already taken.</summary>
    public void StartFrom(FlowInstanceState state)
    {
        Reset();
        State = state;
        foreach (var edge in SandboxPaths.EdgesTaken(Flow, state.Path, Facts)) _edges.Add(edge);
    }

    public SandboxStep Apply(FlowSignal signal)
    {
        if (State is not { } state) throw new InvalidOperationException("Start the sandbox before sending it signals.");
        if (signal is TimerDue due && _timers.TryGetValue(due.TimerKey, out var timer) && timer.DueAt > Now) Now = timer.DueAt;
        return Run(signal, () => FlowEngine.Apply(Flow, state, signal, Facts, Now));
    }

    /// <summary>New facts (an edited sample) re-evaluated at once, as the runtime does when a ticket changes.</summary>
    public SandboxStep? ChangeFacts(FlowFacts facts)
    {
        Facts = facts;
        return Started ? Apply(new FactsChanged()) : null;
    }

    public void Reset()
    {
        // The statuses a run reached are forgotten too: a new run starts from the ticket as given.
        (State, Now, Facts) = (null, _startAt, _startFacts);
        _steps.Clear();
        _timers.Clear();
        _edges.Clear();
    }

    /// <summary>The signals that make sense for the active nodes now; any status and changed facts are always possible.</summary>
    public IReadOnlyList<SandboxOffer> Offers() => State is null ? [] : SandboxOffers.For(Flow, State, PendingTimers);

    private SandboxStep Run(FlowSignal? signal, Func<FlowStep> engine)
    {
        SandboxStep step;
        try
        {
            var moved = engine();
            if (signal is StatusReached reached) Facts = Facts with { Status = reached.Status };
            step = new SandboxStep(_steps.Count + 1, signal, Now, moved.Effects, null);
            State = moved.State;
            Track(moved.Effects, signal);
        }
        catch (DomainRuleException refusal)
        {
            step = new SandboxStep(_steps.Count + 1, signal, Now, [], refusal);
        }
        _steps.Add(step);
        return step;
    }

    private void Track(IReadOnlyList<FlowEffect> effects, FlowSignal? signal)
    {
        if (signal is TimerDue due) _timers.Remove(due.TimerKey);
        foreach (var effect in effects)
        {
            if (effect is ScheduleTimer timer) _timers[timer.TimerKey] = timer;
            else if (effect is CancelTimer cancel) _timers.Remove(cancel.TimerKey);
        }
        foreach (var edge in SandboxPaths.EdgesTaken(Flow, effects, Facts)) _edges.Add(edge);
    }
}
