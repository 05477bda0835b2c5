using Scrm.Domain.Common;

namespace Scrm.Domain.Flows;

/// <summary>How each signal moves the active nodes; each returns false when nothing waited for it.</summary>
internal sealed partial class FlowRun
{
    public bool CompleteTasksByStatus() => CompleteTasks(section: null);

    public bool CompleteTasksBySection(string section) => CompleteTasks(section);

    private bool CompleteTasks(string? section)
    {
        var moved = false;
        foreach (var active in _active.ToArray())
        {
            var node = NodeOf(active.NodeId);
            if (node.Kind != FlowNodeKind.Task || !TaskDone(node, section)) continue;
            Leave(node, active, "Done", null, FirstWayOut(node));
            moved = true;
        }
        return moved;
    }

    public bool Decide(Decision decision)
    {
        var active = _active.Find(a => a.NodeId == decision.NodeId);
        var node = active is null ? null : flow.Node(active.NodeId);
        if (active is null || node is not { Kind: FlowNodeKind.Approval, Levels: { } levels } || active.Level >= levels.Count)
            throw new DomainRuleException("Flow.NotWaiting", $"The flow does not wait for a decision at '{decision.NodeId}'.", decision.NodeId);
        var level = levels[active.Level];
        if (!string.Equals(level.Role, decision.ActorRole, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Flow.NotYourDecision", $"Level {active.Level + 1} of '{node.Id}' is decided by {level.Role}.", level.Role);
        if (decision.Outcome == ApprovalOutcome.Approved && NextLevel(node, active.Level + 1) is var next and >= 0)
        {
            _active[_active.IndexOf(active)] = active with { Level = next };
            _effects.Add(new RequestApproval(node.Id, next, levels[next]));
            return true;
        }
        Leave(node, active, decision.Outcome.ToString(), decision.Comment, OutcomeEdge(node, decision.Outcome));
        return true;
    }

    /// <summary>A Timer node moves on; a time limit escalates once and the node keeps waiting.</summary>
    public bool TimerDue(string timerKey)
    {
        foreach (var active in _active)
        {
            var node = NodeOf(active.NodeId);
            if (node.Kind == FlowNodeKind.Timer && timerKey == FlowEngine.TimerKey(node.Id, active.Visit, TimerPurpose.Wait))
            {
                Leave(node, active, "TimerDue", null, FirstWayOut(node));
                return true;
            }
            if (node.TimeLimitMinutes is not null && !active.Escalated
                && timerKey == FlowEngine.TimerKey(node.Id, active.Visit, TimerPurpose.TimeLimit))
            {
                _active[_active.IndexOf(active)] = active with { Escalated = true };
                _effects.Add(new Escalate(node.Id, FlowEngine.TimeLimitExceeded));
                return true;
            }
        }
        return false;
    }

    /// <summary>The closed step's successor is spawned and its party told; a repeated or stale closure changes nothing.</summary>
    public bool ChildClosed(ChildClosed closed)
    {
        var active = _active.Find(a => a.NodeId == closed.NodeId);
        var node = active is null ? null : flow.Node(active.NodeId);
        if (active is null || node is not { Kind: FlowNodeKind.ChildTicket, Steps: { } steps } || active.Step != closed.StepIndex) return false;
        var next = closed.StepIndex + 1;
        if (next >= steps.Count)
        {
            Leave(node, active, "Done", null, FirstWayOut(node));
            return true;
        }
        _active[_active.IndexOf(active)] = active with { Step = next };
        _effects.Add(new Notify(node.Id, steps[next].Party, $"{steps[closed.StepIndex].Title}已完成，请开始{steps[next].Title}"));
        _effects.Add(new SpawnChild(node.Id, next, steps[next]));
        return true;
    }
}
