using System.Text.Json.Serialization;

namespace Scrm.Domain.Flows;

/// <summary>What a node of a flow does when a ticket reaches it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlowNodeKind>))]
public enum FlowNodeKind
{
    /// <summary>Where every instance begins; exactly one per flow.</summary>
    Start,
    /// <summary>Work someone does: waits for a lifecycle status (accepted, on site, resolved…) or a form section.</summary>
    Task,
    /// <summary>One or more levels of sign-off by role or by amount: approve, reject or send back with a comment.</summary>
    Approval,
    /// <summary>Branches on ticket fields, form values, amount, region or customer tier: the first edge whose rule holds.</summary>
    Condition,
    /// <summary>Every outgoing edge at once.</summary>
    ParallelSplit,
    /// <summary>Waits until every incoming edge has arrived.</summary>
    ParallelJoin,
    /// <summary>Waits a fixed time.</summary>
    Timer,
    /// <summary>Tells a role or the customer something, then moves on.</summary>
    Notify,
    /// <summary>Spawns child tickets one after another (a pipeline); the parent cannot close while a child is open.</summary>
    ChildTicket,
    /// <summary>The flow is done.</summary>
    End,
}

/// <summary>Which way an approval went; an edge leaving an Approval node says which outcome it follows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalOutcome>))]
public enum ApprovalOutcome
{
    Approved,
    Rejected,
    /// <summary>Back to an earlier step for rework, with a comment.</summary>
    SentBack,
}

/// <summary>Who a Task is given to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssigneeRule>))]
public enum AssigneeRule
{
    /// <summary>Whoever holds the role in the ticket's region (a dispatcher, a manager…).</summary>
    Role,
    /// <summary>The ticket's technician (assigned by dispatch).</summary>
    TicketAssignee,
    /// <summary>Auto-dispatch picks the technician.</summary>
    AutoDispatch,
}
