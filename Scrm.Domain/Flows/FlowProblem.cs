namespace Scrm.Domain.Flows;

/// <summary>
/// Why a flow cannot be published, on a node, an edge or (both null) the flow as a whole. <see cref="Code"/> is one of
/// <see cref="FlowProblemCodes"/>; the designer translates it through the <c>Error.&lt;Code&gt;</c> text.
/// </summary>
public sealed record FlowProblem(string? NodeId, string? EdgeId, string Code, string Message);

/// <summary>The stable codes of <see cref="FlowProblem"/>.</summary>
public static class FlowProblemCodes
{
    public const string NoStart = "Flow.NoStart";
    public const string TooManyStarts = "Flow.TooManyStarts";
    public const string NoEnd = "Flow.NoEnd";
    public const string DuplicateNodeId = "Flow.DuplicateNodeId";
    public const string DuplicateEdgeId = "Flow.DuplicateEdgeId";
    public const string EdgeToUnknownNode = "Flow.EdgeToUnknownNode";
    public const string Unreachable = "Flow.Unreachable";
    public const string NoWayOut = "Flow.NoWayOut";
    /// <summary>Only Condition, ParallelSplit and Approval choose between edges; other nodes have one way out.</summary>
    public const string SeveralWaysOut = "Flow.SeveralWaysOut";
    public const string JoinWithoutSplit = "Flow.JoinWithoutSplit";
    public const string LoopWithoutWait = "Flow.LoopWithoutWait";
    public const string ConditionWithoutDefault = "Flow.ConditionWithoutDefault";
    public const string ConditionEdgeWithoutRule = "Flow.ConditionEdgeWithoutRule";
    public const string ApprovalWithoutLevels = "Flow.ApprovalWithoutLevels";
    public const string ApprovalWithoutApproved = "Flow.ApprovalWithoutApproved";
    public const string ApprovalWithoutRejected = "Flow.ApprovalWithoutRejected";
    public const string TaskWithoutWait = "Flow.TaskWithoutWait";
    public const string TimerWithoutMinutes = "Flow.TimerWithoutMinutes";
    public const string ChildTicketWithoutSteps = "Flow.ChildTicketWithoutSteps";

    public static IReadOnlyList<string> All { get; } =
    [
        NoStart, TooManyStarts, NoEnd, DuplicateNodeId, DuplicateEdgeId, EdgeToUnknownNode, Unreachable, NoWayOut,
        SeveralWaysOut, JoinWithoutSplit, LoopWithoutWait, ConditionWithoutDefault, ConditionEdgeWithoutRule,
        ApprovalWithoutLevels, ApprovalWithoutApproved, ApprovalWithoutRejected, TaskWithoutWait, TimerWithoutMinutes,
        ChildTicketWithoutSteps,
    ];
}
