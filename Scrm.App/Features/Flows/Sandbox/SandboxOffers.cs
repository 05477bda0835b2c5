using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Sandbox;

/// <summary>Which signals each kind of active node waits for.</summary>
internal static class SandboxOffers
{
    public static IReadOnlyList<SandboxOffer> For(FlowDefinition flow, FlowInstanceState state, IEnumerable<ScheduleTimer> timers)
    {
        var offers = new List<SandboxOffer>();
        foreach (var active in state.Active)
        {
            if (flow.Node(active.NodeId) is not { } node) continue;
            switch (node.Kind)
            {
                case FlowNodeKind.Task:
                    if (node.WaitFor is { } status) offers.Add(new(node.Id, SandboxOfferKind.StatusReached, new StatusReached(status)));
                    if (!string.IsNullOrWhiteSpace(node.FormSection))
                        offers.Add(new(node.Id, SandboxOfferKind.SectionCompleted, new SectionCompleted(node.FormSection)));
                    break;
                case FlowNodeKind.Approval when node.Levels is { } levels && active.Level < levels.Count:
                    offers.AddRange(Decisions(flow, node, levels[active.Level]));
                    break;
                case FlowNodeKind.ChildTicket when node.Steps is { } steps && active.Step < steps.Count:
                    offers.Add(new(node.Id, SandboxOfferKind.ChildClosed, new ChildClosed(node.Id, active.Step), steps[active.Step].Title));
                    break;
            }
        }
        // A timer outlives nothing: the engine cancels a time limit when its node is left, and the sandbox forgets it.
        offers.AddRange(timers.Select(t => new SandboxOffer(t.NodeId, SandboxOfferKind.TimerDue, new TimerDue(t.TimerKey), t.Purpose.ToString(), t.DueAt)));
        return offers;
    }

    /// <summary>Approve and reject always; send back only where an edge says where to.</summary>
    private static IEnumerable<SandboxOffer> Decisions(FlowDefinition flow, FlowNode node, ApprovalLevel level)
    {
        var sendBack = flow.From(node.Id).Any(e => e.Outcome == ApprovalOutcome.SentBack);
        foreach (var outcome in Enum.GetValues<ApprovalOutcome>())
        {
            if (outcome == ApprovalOutcome.SentBack && !sendBack) continue;
            yield return new(node.Id, SandboxOfferKind.Decision, new Decision(node.Id, outcome, level.Role, null), level.Label ?? level.Role);
        }
    }
}
