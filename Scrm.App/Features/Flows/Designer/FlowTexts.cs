using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Scrm.App.Features.Forms.Designer;
using Scrm.App.Resources;
using Scrm.Domain.Flows;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Flows.Designer;

/// <summary>The words and icons of flows in the user's language. Literal keys throughout, so that the resource test sees every one.</summary>
public static class FlowTexts
{
    /// <summary>The facts a condition may test besides the form's own fields.</summary>
    public static readonly IReadOnlyList<string> Facts = ["ticket.priority", "ticket.type", "ticket.region", "ticket.city", "customer.tier", "amount"];

    public static string KindName(this IStringLocalizer<SharedResource> l, FlowNodeKind kind) => kind switch
    {
        FlowNodeKind.Start => l["Flows.Kind.Start"],
        FlowNodeKind.Task => l["Flows.Kind.Task"],
        FlowNodeKind.Approval => l["Flows.Kind.Approval"],
        FlowNodeKind.Condition => l["Flows.Kind.Condition"],
        FlowNodeKind.ParallelSplit => l["Flows.Kind.ParallelSplit"],
        FlowNodeKind.ParallelJoin => l["Flows.Kind.ParallelJoin"],
        FlowNodeKind.Timer => l["Flows.Kind.Timer"],
        FlowNodeKind.Notify => l["Flows.Kind.Notify"],
        FlowNodeKind.ChildTicket => l["Flows.Kind.ChildTicket"],
        FlowNodeKind.End => l["Flows.Kind.End"],
        _ => kind.ToString(),
    };

    public static string Icon(FlowNodeKind kind) => kind switch
    {
        FlowNodeKind.Start => Icons.Material.Filled.PlayCircle,
        FlowNodeKind.Task => Icons.Material.Filled.Assignment,
        FlowNodeKind.Approval => Icons.Material.Filled.HowToReg,
        FlowNodeKind.Condition => Icons.Material.Filled.CallSplit,
        FlowNodeKind.ParallelSplit => Icons.Material.Filled.AltRoute,
        FlowNodeKind.ParallelJoin => Icons.Material.Filled.MergeType,
        FlowNodeKind.Timer => Icons.Material.Filled.Timer,
        FlowNodeKind.Notify => Icons.Material.Filled.NotificationsActive,
        FlowNodeKind.ChildTicket => Icons.Material.Filled.AccountTree,
        FlowNodeKind.End => Icons.Material.Filled.StopCircle,
        _ => Icons.Material.Filled.Circle,
    };

    public static string FactName(this IStringLocalizer<SharedResource> l, string fact) => fact switch
    {
        "ticket.priority" => l["Flows.Fact.Priority"],
        "ticket.type" => l["Flows.Fact.Type"],
        "ticket.region" => l["Flows.Fact.Region"],
        "ticket.city" => l["Flows.Fact.City"],
        "customer.tier" => l["Flows.Fact.Tier"],
        "amount" => l["Flows.Fact.Amount"],
        _ => fact,
    };

    public static string OutcomeName(this IStringLocalizer<SharedResource> l, ApprovalOutcome outcome) => outcome switch
    {
        ApprovalOutcome.Approved => l["Flows.Outcome.Approved"],
        ApprovalOutcome.Rejected => l["Flows.Outcome.Rejected"],
        ApprovalOutcome.SentBack => l["Flows.Outcome.SentBack"],
        _ => outcome.ToString(),
    };

    public static string StatusName(this IStringLocalizer<SharedResource> l, FlowVersionStatus status) => status switch
    {
        FlowVersionStatus.Draft => l["Forms.Status.Draft"],
        FlowVersionStatus.Published => l["Forms.Status.Published"],
        FlowVersionStatus.Retired => l["Forms.Status.Retired"],
        _ => status.ToString(),
    };

    /// <summary>The node's label in the user's language.</summary>
    public static string Label(FlowNode node) =>
        FormTexts.IsEnglish && !string.IsNullOrWhiteSpace(node.LabelEn) ? node.LabelEn : node.Label;

    /// <summary>A validator's problem in the user's language (Error.&lt;Code&gt;), its English message when there is no text for it.</summary>
    public static string Problem(this IStringLocalizer<SharedResource> l, FlowProblem problem)
    {
        var text = l["Error." + problem.Code];
        return text.ResourceNotFound ? problem.Message : text.Value;
    }

    /// <summary>What a link says on the canvas: its label, else its outcome, condition or default switch.</summary>
    public static string? EdgeText(this IStringLocalizer<SharedResource> l, FlowEdge edge)
    {
        if (!string.IsNullOrWhiteSpace(edge.Label)) return edge.Label;
        if (edge.Outcome is { } outcome) return l.OutcomeName(outcome);
        if (edge.IsDefault) return l["Flows.Edge.Default"];
        return edge.When is null ? null : l.RuleText(edge.When);
    }

    public static string RuleText(this IStringLocalizer<SharedResource> l, ConditionRule rule) => rule switch
    {
        FieldRule f => $"{l.FactName(f.FieldKey)} {l.OperatorName(f.Operator)} {string.Join("、", f.Values)}".Trim(),
        AllRule all => string.Join(l["Flows.Rule.And"], all.Rules.Select(r => l.RuleText(r))),
        AnyRule any => string.Join(l["Flows.Rule.Or"], any.Rules.Select(r => l.RuleText(r))),
        NotRule not => l["Flows.Rule.Not", l.RuleText(not.Rule)],
        _ => "",
    };

    /// <summary>One line under the node's label: who does it, how long it waits.</summary>
    public static string? Summary(this IStringLocalizer<SharedResource> l, FlowNode node) => node.Kind switch
    {
        FlowNodeKind.Task => node.Assignee switch
        {
            AssigneeRule.Role when node.Role is not null => l.RoleName(node.Role),
            AssigneeRule.TicketAssignee => l["Flows.Assignee.TicketAssignee"],
            AssigneeRule.AutoDispatch => l["Flows.Assignee.AutoDispatch"],
            _ => null,
        } + (node.TimeLimitMinutes is { } m ? " · " + l["Flows.Minutes", m] : ""),
        FlowNodeKind.Approval => l["Flows.Levels", node.Levels?.Count ?? 0],
        FlowNodeKind.Timer when node.WaitMinutes is { } wait => l["Flows.Minutes", wait],
        FlowNodeKind.Notify when node.NotifyRole is not null => "→ " + l.RoleName(node.NotifyRole),
        FlowNodeKind.ChildTicket => l["Flows.Steps", node.Steps?.Count ?? 0],
        _ => null,
    };

    public static string RoleName(this IStringLocalizer<SharedResource> l, string role) => role switch
    {
        "Admin" => l["Admin.Role.Admin"],
        "Manager" => l["Admin.Role.Manager"],
        "Dispatcher" => l["Admin.Role.Dispatcher"],
        "Technician" => l["Admin.Role.Technician"],
        "Agent" => l["Admin.Role.Agent"],
        "Finance" => l["Admin.Role.Finance"],
        "Warehouse" => l["Admin.Role.Warehouse"],
        "Customer" => l["Flows.Role.Customer"],
        _ => role,
    };

    /// <summary>Yuan as typed for an amount kept in fen.</summary>
    public static string Yuan(long? fen) => fen is { } f ? (f / 100m).ToString("0.##", CultureInfo.InvariantCulture) : "";
}
