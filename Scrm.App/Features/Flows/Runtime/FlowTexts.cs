using Scrm.App.Data;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>The words the flow puts on a ticket's timeline: who it acts as, and roles as people read them.</summary>
public static class FlowTexts
{
    public static readonly Actor Actor = new("flow", "流程");

    /// <summary>The Flow notes' codes; the timeline translates each (Timeline.Flow.{code}).</summary>
    public const string TaskAssigned = "Task";
    public const string Notified = "Notify";
    public const string ApprovalAsked = "ApprovalAsked";
    public const string Decided = "Decided";
    public const string ChildSpawned = "ChildSpawned";
    public const string ChildStep = "ChildStep";
    public const string Migrated = "Migrated";
    public const string Started = "Started";

    public static string Role(string? role) => role switch
    {
        AppRoles.Admin => "管理员",
        AppRoles.Manager => "经理",
        AppRoles.Dispatcher => "调度",
        AppRoles.Technician => "技术员",
        AppRoles.Agent => "客服",
        AppRoles.Finance => "财务",
        "Customer" => "客户",
        null => "技术员",
        _ => role,
    };

    public static string Outcome(ApprovalOutcome outcome) => outcome switch
    {
        ApprovalOutcome.Approved => "同意",
        ApprovalOutcome.Rejected => "驳回",
        _ => "退回",
    };

    /// <summary>A Notify node's message with the ticket's number and title filled in.</summary>
    public static string Message(string message, Ticket ticket) =>
        message.Replace("{number}", ticket.Number, StringComparison.Ordinal).Replace("{title}", ticket.Title, StringComparison.Ordinal);

    /// <summary>Where a pipeline child sits in its parent's flow, as its creation note keeps it: "node#step".</summary>
    public static string StepRef(string nodeId, int step) => $"{nodeId}#{step}";

    public static (string NodeId, int Step)? ParseStepRef(string? text)
    {
        var at = text?.LastIndexOf('#') ?? -1;
        return at > 0 && int.TryParse(text![(at + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var step)
            ? (text[..at], step)
            : null;
    }
}
