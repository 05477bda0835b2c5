using System.Text.Json.Serialization;

namespace Scrm.Domain.Flows;

/// <summary>What the app must do because the flow moved: the engine decides, the app carries it out.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(AssignTask), "assignTask")]
[JsonDerivedType(typeof(Notify), "notify")]
[JsonDerivedType(typeof(ScheduleTimer), "scheduleTimer")]
[JsonDerivedType(typeof(CancelTimer), "cancelTimer")]
[JsonDerivedType(typeof(SpawnChild), "spawnChild")]
[JsonDerivedType(typeof(Escalate), "escalate")]
[JsonDerivedType(typeof(RequestApproval), "requestApproval")]
[JsonDerivedType(typeof(NodeEntered), "nodeEntered")]
[JsonDerivedType(typeof(NodeLeft), "nodeLeft")]
[JsonDerivedType(typeof(FlowFinished), "flowFinished")]
public abstract record FlowEffect;

public sealed record AssignTask(string NodeId, AssigneeRule Rule, string? Role) : FlowEffect;

/// <summary>Tell <see cref="Recipient"/> (a role, a pipeline party or "Customer") <see cref="Message"/>.</summary>
public sealed record Notify(string NodeId, string Recipient, string Message) : FlowEffect;

/// <summary>
/// Store a durable timer once under <see cref="TimerKey"/> (unique per node visit) and send <see cref="TimerDue"/> at
/// <see cref="DueAt"/>.
/// </summary>
public sealed record ScheduleTimer(string TimerKey, string NodeId, DateTimeOffset DueAt, TimerPurpose Purpose) : FlowEffect;

public sealed record CancelTimer(string TimerKey) : FlowEffect;

public sealed record SpawnChild(string NodeId, int StepIndex, ChildStep Step) : FlowEffect;

public sealed record Escalate(string NodeId, string Reason) : FlowEffect;

/// <summary>Ask the holder of <see cref="Approver"/>'s role; <see cref="Level"/> indexes the node's levels.</summary>
public sealed record RequestApproval(string NodeId, int Level, ApprovalLevel Approver) : FlowEffect;

public sealed record NodeEntered(string NodeId, DateTimeOffset At) : FlowEffect;

public sealed record NodeLeft(string NodeId, DateTimeOffset At, string? Outcome) : FlowEffect;

public sealed record FlowFinished(DateTimeOffset At) : FlowEffect;

/// <summary>Why a timer was scheduled: a Timer node's wait, or a Task's or Approval's time limit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimerPurpose>))]
public enum TimerPurpose
{
    Wait,
    TimeLimit,
}

/// <summary>The result of starting a flow or applying a signal: the new state and what the app must do.</summary>
public sealed record FlowStep(FlowInstanceState State, IReadOnlyList<FlowEffect> Effects);
