using Scrm.Domain.Common;

namespace Scrm.Domain.Flows;

/// <summary>
/// One call of <see cref="FlowEngine"/>: a mutable copy of the state that nodes are entered into and left from,
/// collecting effects, then frozen into a <see cref="FlowStep"/>.
/// </summary>
internal sealed partial class FlowRun(FlowDefinition flow, FlowInstanceState state, FlowFacts facts, DateTimeOffset now)
{
    private readonly List<ActiveNode> _active = [.. state.Active];
    private readonly List<JoinArrival> _arrivals = [.. state.Arrivals];
    private readonly List<PathStep> _path = [.. state.Path];
    private readonly List<FlowEffect> _effects = [];
    private readonly Queue<(string NodeId, string? ViaEdge)> _pending = new();
    private bool _reachedEnd;
    private int _passes;

    public void Enqueue(string nodeId, string? viaEdge) => _pending.Enqueue((nodeId, viaEdge));

    public FlowStep Complete()
    {
        while (_pending.TryDequeue(out var next))
        {
            if (++_passes > FlowEngine.MaxPassesPerApply)
                throw new DomainRuleException("Flow.Runaway", $"The flow '{flow.Key}' passed more than {FlowEngine.MaxPassesPerApply} nodes without waiting.", FlowEngine.MaxPassesPerApply);
            Enter(next.NodeId, next.ViaEdge);
        }
        var finished = state.Finished || (_reachedEnd && _active.Count == 0);
        if (finished && !state.Finished) _effects.Add(new FlowFinished(now));
        return new FlowStep(new FlowInstanceState(_active.ToArray(), _arrivals.ToArray(), _path.ToArray(), finished), _effects);
    }

    private FlowNode NodeOf(string nodeId) => flow.Node(nodeId)
        ?? throw new DomainRuleException("Flow.EdgeToUnknownNode", $"The flow '{flow.Key}' has no node '{nodeId}'.", nodeId);

    private void Enter(string nodeId, string? viaEdge)
    {
        var node = NodeOf(nodeId);
        if (node.Kind == FlowNodeKind.ParallelJoin && !AllArrived(node, viaEdge)) return;
        var visit = 1;
        foreach (var step in _path)
            if (step.NodeId == nodeId) visit++;
        _path.Add(new PathStep(nodeId, now));
        _effects.Add(new NodeEntered(nodeId, now));
        switch (node.Kind)
        {
            case FlowNodeKind.Task: EnterTask(node, visit); break;
            case FlowNodeKind.Approval: EnterApproval(node, visit); break;
            case FlowNodeKind.Timer: EnterTimer(node, visit); break;
            case FlowNodeKind.ChildTicket: EnterChildTicket(node, visit); break;
            case FlowNodeKind.Notify:
                _effects.Add(new Notify(node.Id, node.NotifyRole ?? "Customer", node.Message ?? node.Label));
                Leave(node, null, "Done", null, FirstWayOut(node));
                break;
            case FlowNodeKind.Condition: Leave(node, null, "Done", null, Branch(node)); break;
            case FlowNodeKind.ParallelSplit: Leave(node, null, "Done", null, flow.From(node.Id).ToArray()); break;
            case FlowNodeKind.End:
                _reachedEnd = true;
                Leave(node, null, "Done", null, []);
                break;
            default: Leave(node, null, "Done", null, FirstWayOut(node)); break;
        }
    }

    /// <summary>Records the branch's arrival; true (and the arrivals forgotten) once every incoming edge has arrived.</summary>
    private bool AllArrived(FlowNode join, string? viaEdge)
    {
        if (viaEdge is not null && !_arrivals.Contains(new JoinArrival(join.Id, viaEdge))) _arrivals.Add(new JoinArrival(join.Id, viaEdge));
        foreach (var edge in flow.To(join.Id))
            if (!_arrivals.Contains(new JoinArrival(join.Id, edge.Id))) return false;
        _arrivals.RemoveAll(a => a.JoinId == join.Id);
        return true;
    }

    private void EnterTask(FlowNode node, int visit)
    {
        if (TaskDone(node, section: null))
        {
            Leave(node, null, "Done", null, FirstWayOut(node));
            return;
        }
        var rule = node.Assignee ?? (node.Role is null ? AssigneeRule.TicketAssignee : AssigneeRule.Role);
        _effects.Add(new AssignTask(node.Id, rule, node.Role));
        ScheduleTimeLimit(node, visit);
        _active.Add(new ActiveNode(node.Id, now, visit));
    }

    /// <summary>Amount-dependent levels are picked as the approval proceeds; none applying means nothing to approve.</summary>
    private void EnterApproval(FlowNode node, int visit)
    {
        var level = NextLevel(node, 0);
        if (level < 0)
        {
            Leave(node, null, nameof(ApprovalOutcome.Approved), null, OutcomeEdge(node, ApprovalOutcome.Approved));
            return;
        }
        _effects.Add(new RequestApproval(node.Id, level, node.Levels![level]));
        ScheduleTimeLimit(node, visit);
        _active.Add(new ActiveNode(node.Id, now, visit, Level: level));
    }

    private void EnterTimer(FlowNode node, int visit)
    {
        var due = now.AddMinutes(node.WaitMinutes ?? 0);
        _effects.Add(new ScheduleTimer(FlowEngine.TimerKey(node.Id, visit, TimerPurpose.Wait), node.Id, due, TimerPurpose.Wait));
        _active.Add(new ActiveNode(node.Id, now, visit));
    }

    private void EnterChildTicket(FlowNode node, int visit)
    {
        if (node.Steps is not { Count: > 0 } steps)
        {
            Leave(node, null, "Done", null, FirstWayOut(node));
            return;
        }
        _effects.Add(new SpawnChild(node.Id, 0, steps[0]));
        _active.Add(new ActiveNode(node.Id, now, visit));
    }

    private void ScheduleTimeLimit(FlowNode node, int visit)
    {
        if (node.TimeLimitMinutes is not { } minutes) return;
        var key = FlowEngine.TimerKey(node.Id, visit, TimerPurpose.TimeLimit);
        _effects.Add(new ScheduleTimer(key, node.Id, now.AddMinutes(minutes), TimerPurpose.TimeLimit));
    }

    /// <summary>
    /// Closes the node's open path step, drops it from the active nodes (cancelling a time limit that has not fired)
    /// and sends the flow along <paramref name="ways"/>.
    /// </summary>
    private void Leave(FlowNode node, ActiveNode? active, string outcome, string? comment, IReadOnlyList<FlowEdge> ways)
    {
        var open = _path.FindLastIndex(p => p.NodeId == node.Id && p.LeftAt is null);
        if (open >= 0) _path[open] = _path[open] with { LeftAt = now, Outcome = outcome, Comment = comment };
        if (active is not null)
        {
            _active.Remove(active);
            if (node.TimeLimitMinutes is not null && !active.Escalated)
                _effects.Add(new CancelTimer(FlowEngine.TimerKey(node.Id, active.Visit, TimerPurpose.TimeLimit)));
        }
        _effects.Add(new NodeLeft(node.Id, now, outcome));
        foreach (var edge in ways) Enqueue(edge.To, edge.Id);
    }

    private FlowEdge[] FirstWayOut(FlowNode node)
    {
        foreach (var edge in flow.Edges)
            if (edge.From == node.Id) return [edge];
        throw new DomainRuleException("Flow.NoWayOut", $"The node '{node.Id}' has no way out.", node.Label);
    }

    /// <summary>The first edge whose rule holds, in the order drawn; else the default edge.</summary>
    private FlowEdge[] Branch(FlowNode node)
    {
        FlowEdge? fallback = null;
        foreach (var edge in flow.Edges)
        {
            if (edge.From != node.Id) continue;
            if (edge.IsDefault) fallback ??= edge;
            else if (edge.When is not null && FlowRules.Holds(edge.When, facts)) return [edge];
        }
        return fallback is not null
            ? [fallback]
            : throw new DomainRuleException("Flow.NoBranch", $"No way out of '{node.Id}' holds for this ticket.", node.Label);
    }

    private FlowEdge[] OutcomeEdge(FlowNode node, ApprovalOutcome outcome)
    {
        foreach (var edge in flow.Edges)
            if (edge.From == node.Id && edge.Outcome == outcome) return [edge];
        throw new DomainRuleException("Flow.NoBranch", $"The approval '{node.Id}' has no {outcome} edge.", node.Label);
    }

    /// <summary>The first level at or after <paramref name="from"/> that applies to the ticket's amount, or -1.</summary>
    private int NextLevel(FlowNode node, int from)
    {
        var levels = node.Levels ?? [];
        for (var i = from; i < levels.Count; i++)
            if (levels[i].MinAmountFen is not { } min || facts.AmountFen >= min) return i;
        return -1;
    }

    private bool TaskDone(FlowNode node, string? section) =>
        (node.WaitFor is { } status && FlowEngine.Reached(facts.Status, status))
        || (section is not null && string.Equals(node.FormSection, section, StringComparison.Ordinal));
}
