using Microsoft.Extensions.Localization;
using Scrm.App.Features.Flows.Designer;
using Scrm.App.Resources;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Sandbox;

/// <summary>The sandbox's log in the user's language: each effect and each signal as a sentence.</summary>
public static class SandboxTexts
{
    public static string Effect(this IStringLocalizer<SharedResource> l, FlowDefinition flow, FlowEffect effect) => effect switch
    {
        AssignTask a => l["Sandbox.Effect.AssignTask", NodeName(flow, a.NodeId), Assignee(l, a)],
        Notify n => l["Sandbox.Effect.Notify", l.RoleName(n.Recipient), n.Message],
        ScheduleTimer t => l["Sandbox.Effect.ScheduleTimer", NodeName(flow, t.NodeId), Purpose(l, t.Purpose), t.DueAt.ToLocalTime().ToString("MM-dd HH:mm")],
        CancelTimer c => l["Sandbox.Effect.CancelTimer", TimerName(l, flow, c.TimerKey)],
        SpawnChild s => l["Sandbox.Effect.SpawnChild", s.Step.Title, s.Step.Party],
        Escalate e => l["Sandbox.Effect.Escalate", NodeName(flow, e.NodeId)],
        RequestApproval r => l["Sandbox.Effect.RequestApproval", NodeName(flow, r.NodeId), r.Approver.Label ?? l.RoleName(r.Approver.Role), l.RoleName(r.Approver.Role)],
        NodeEntered n => l["Sandbox.Effect.NodeEntered", NodeName(flow, n.NodeId)],
        NodeLeft n => l["Sandbox.Effect.NodeLeft", NodeName(flow, n.NodeId), Outcome(l, n.Outcome)],
        FlowFinished => l["Sandbox.Effect.FlowFinished"],
        _ => effect.GetType().Name,
    };

    public static string Signal(this IStringLocalizer<SharedResource> l, FlowDefinition flow, FlowSignal? signal) => signal switch
    {
        null => l["Sandbox.Signal.Start"],
        StatusReached s => l["Sandbox.Signal.StatusReached", l["Status." + s.Status]],
        SectionCompleted s => l["Sandbox.Signal.SectionCompleted", s.Section],
        Decision d => l["Sandbox.Signal.Decision", NodeName(flow, d.NodeId), l.OutcomeName(d.Outcome), l.RoleName(d.ActorRole)]
            + (string.IsNullOrWhiteSpace(d.Comment) ? "" : $"（{d.Comment}）"),
        TimerDue t => l["Sandbox.Signal.TimerDue", TimerName(l, flow, t.TimerKey)],
        ChildClosed c => l["Sandbox.Signal.ChildClosed", NodeName(flow, c.NodeId), c.StepIndex + 1],
        FactsChanged => l["Sandbox.Signal.FactsChanged"],
        _ => signal.GetType().Name,
    };

    public static string Purpose(IStringLocalizer<SharedResource> l, TimerPurpose purpose) =>
        purpose == TimerPurpose.Wait ? l["Sandbox.Timer.Wait"] : l["Sandbox.Timer.TimeLimit"];

    /// <summary>"accept#1:TimeLimit" as 「接单」的时限.</summary>
    private static string TimerName(IStringLocalizer<SharedResource> l, FlowDefinition flow, string key)
    {
        var node = key.Split('#')[0];
        var purpose = key.EndsWith(nameof(TimerPurpose.Wait), StringComparison.Ordinal) ? TimerPurpose.Wait : TimerPurpose.TimeLimit;
        return $"「{NodeName(flow, node)}」{Purpose(l, purpose)}";
    }

    public static string NodeName(FlowDefinition flow, string nodeId) => flow.Node(nodeId) is { } node ? FlowTexts.Label(node) : nodeId;

    private static string Assignee(IStringLocalizer<SharedResource> l, AssignTask task) => task.Rule switch
    {
        AssigneeRule.Role when task.Role is not null => l.RoleName(task.Role),
        AssigneeRule.AutoDispatch => l["Flows.Assignee.AutoDispatch"],
        _ => l["Flows.Assignee.TicketAssignee"],
    };

    private static string Outcome(IStringLocalizer<SharedResource> l, string? outcome) =>
        Enum.TryParse<ApprovalOutcome>(outcome, out var o) ? l.OutcomeName(o) : outcome switch
        {
            "TimerDue" => l["Sandbox.Outcome.TimerDue"],
            _ => l["Sandbox.Outcome.Done"],
        };
}
