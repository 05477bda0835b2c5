using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Flows;

/// <summary>
/// Moves a ticket through its flow: pure and deterministic (time comes in as <c>now</c>), it returns the new state
/// and the effects the app must carry out. Nodes that do not wait pass through within the same call.
/// </summary>
public static class FlowEngine
{
    /// <summary>More node entries than this in one call means a loop without a waiting node; the call is refused.</summary>
    public const int MaxPassesPerApply = 1000;

    /// <summary>The reason <see cref="Blocks"/> gives while an Approval node waits for a decision.</summary>
    public const string ApprovalPending = "Flow.ApprovalPending";

    /// <summary>The reason <see cref="Blocks"/> gives while a ChildTicket pipeline has an open child.</summary>
    public const string ChildTicketOpen = "Flow.ChildTicketOpen";

    public const string TimeLimitExceeded = "TimeLimitExceeded";

    public static FlowStep Start(FlowDefinition flow, FlowFacts facts, DateTimeOffset now)
    {
        var start = flow.Nodes.FirstOrDefault(n => n.Kind == FlowNodeKind.Start)
            ?? throw new DomainRuleException("Flow.NoStart", $"The flow '{flow.Key}' has no Start node.");
        var run = new FlowRun(flow, FlowInstanceState.Empty, facts, now);
        run.Enqueue(start.Id, null);
        return run.Complete();
    }

    /// <summary>
    /// Applies one signal. A signal nothing waits for (a stale timer, a repeated child closure) returns the state
    /// unchanged with no effects; a decision nobody asked for is refused.
    /// </summary>
    public static FlowStep Apply(FlowDefinition flow, FlowInstanceState state, FlowSignal signal, FlowFacts facts, DateTimeOffset now)
    {
        if (signal is StatusReached reached) facts = facts with { Status = reached.Status };
        var run = new FlowRun(flow, state, facts, now);
        var moved = signal switch
        {
            StatusReached or FactsChanged => run.CompleteTasksByStatus(),
            SectionCompleted section => run.CompleteTasksBySection(section.Section),
            Decision decision => run.Decide(decision),
            TimerDue due => run.TimerDue(due.TimerKey),
            ChildClosed closed => run.ChildClosed(closed),
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal.GetType().Name, "Unknown flow signal."),
        };
        return moved ? run.Complete() : new FlowStep(state, []);
    }

    /// <summary>
    /// The gate a ticket asks before a move: a reason code when the flow forbids resolving or closing now (an
    /// approval is pending, a pipeline has an open child), otherwise null.
    /// </summary>
    public static string? Blocks(FlowDefinition flow, FlowInstanceState state, TicketStatus to)
    {
        if (to is not (TicketStatus.Resolved or TicketStatus.Closed)) return null;
        foreach (var active in state.Active)
        {
            switch (flow.Node(active.NodeId)?.Kind)
            {
                case FlowNodeKind.Approval: return ApprovalPending;
                case FlowNodeKind.ChildTicket: return ChildTicketOpen;
            }
        }
        return null;
    }

    /// <summary>Unique per node visit and purpose, so the app stores a timer once and a stale one matches nothing.</summary>
    public static string TimerKey(string nodeId, int visit, TimerPurpose purpose) => $"{nodeId}#{visit}:{purpose}";

    /// <summary>
    /// Whether <paramref name="status"/> completes a wait for <paramref name="waitFor"/>: the same status or a later one
    /// in the lifecycle (New, Assigned, Accepted, EnRoute, OnSite, InProgress, Resolved, Closed). OnHold, Cancelled
    /// and Reopened stand outside that order and complete only a wait for themselves.
    /// </summary>
    public static bool Reached(TicketStatus status, TicketStatus waitFor)
    {
        if (status == waitFor) return true;
        var rank = LifecycleRank(status);
        var wanted = LifecycleRank(waitFor);
        return rank >= 0 && wanted >= 0 && rank >= wanted;
    }

    private static int LifecycleRank(TicketStatus status) => status switch
    {
        TicketStatus.New => 0,
        TicketStatus.Assigned => 1,
        TicketStatus.Accepted => 2,
        TicketStatus.EnRoute => 3,
        TicketStatus.OnSite => 4,
        TicketStatus.InProgress => 5,
        TicketStatus.Resolved => 6,
        TicketStatus.Closed => 7,
        _ => -1,
    };
}
