using Scrm.Domain.Flows;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>A node the ticket's flow waits at, and what for: a status, a form section, an approval level's role, a child ticket.</summary>
public sealed record FlowActiveNodeView(string Id, string Label, FlowNodeKind Kind, DateTimeOffset EnteredAt,
    TicketStatus? WaitingForStatus, string? WaitingForSection, string? WaitingForRole, int? ChildStep);

/// <summary>One visit on the path the flow took.</summary>
public sealed record FlowPathStepView(string NodeId, string Label, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, string? Outcome, string? Comment);

/// <summary>The approval waiting for a decision: which level of how many, decided by whom.</summary>
public sealed record FlowPendingApprovalView(string NodeId, string Label, int Level, int Levels, string Role, string? LevelLabel);

/// <summary>
/// A ticket's flow as the ticket page and the API show it: which flow and version, where it waits, the path taken, the
/// pending approval, the flow's nodes in drawing order (for the stepper) and the ticket's SLA clocks.
/// </summary>
public sealed record TicketFlowView(long TicketId, string TicketNumber, string Key, string Name, int Version, bool Finished,
    IReadOnlyList<FlowActiveNodeView> Active, IReadOnlyList<FlowPathStepView> Path, FlowPendingApprovalView? PendingApproval,
    IReadOnlyList<SlaClock> SlaClocks, long InstanceVersion, IReadOnlyList<FlowNodeRef> Nodes);

/// <summary>A node of the flow by id, label and kind.</summary>
public sealed record FlowNodeRef(string Id, string Label, FlowNodeKind Kind);

public static class FlowViews
{
    public static TicketFlowView Of(Ticket ticket, FlowInstance instance, FlowDefinition flow, FlowInstanceState state, IReadOnlyList<SlaClock> clocks)
    {
        string Label(string id) => flow.Node(id)?.Label ?? id;
        var active = state.Active.Select(a =>
        {
            var node = flow.Node(a.NodeId);
            var role = node?.Kind == FlowNodeKind.Approval && node.Levels is { } levels && a.Level < levels.Count ? levels[a.Level].Role : node?.Role;
            return new FlowActiveNodeView(a.NodeId, Label(a.NodeId), node?.Kind ?? FlowNodeKind.Task, a.EnteredAt, node?.WaitFor, node?.FormSection,
                role, node?.Kind == FlowNodeKind.ChildTicket ? a.Step : null);
        }).ToList();
        var pending = state.Active.Select(a => (Active: a, Level: FlowDecisions.PendingLevel(flow, state, a.NodeId)))
            .Where(p => p.Level is not null)
            .Select(p => new FlowPendingApprovalView(p.Active.NodeId, Label(p.Active.NodeId), p.Active.Level,
                flow.Node(p.Active.NodeId)!.Levels!.Count, p.Level!.Role, p.Level.Label))
            .FirstOrDefault();
        return new TicketFlowView(ticket.Id, ticket.Number, instance.TemplateKey, flow.Name, instance.FlowVersion, state.Finished, active,
            state.Path.Select(p => new FlowPathStepView(p.NodeId, Label(p.NodeId), p.EnteredAt, p.LeftAt, p.Outcome, p.Comment)).ToList(),
            pending, clocks, instance.Version, flow.Nodes.OrderBy(n => n.X).ThenBy(n => n.Y).Select(n => new FlowNodeRef(n.Id, n.Label, n.Kind)).ToList());
    }
}
