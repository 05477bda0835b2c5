using System.Text.Json.Serialization;

using Scrm.Domain.Tickets;

namespace Scrm.Domain.Flows;

/// <summary>Something that happened to the ticket which may move its flow on.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "signal")]
[JsonDerivedType(typeof(StatusReached), "statusReached")]
[JsonDerivedType(typeof(SectionCompleted), "sectionCompleted")]
[JsonDerivedType(typeof(Decision), "decision")]
[JsonDerivedType(typeof(TimerDue), "timerDue")]
[JsonDerivedType(typeof(FactsChanged), "factsChanged")]
[JsonDerivedType(typeof(ChildClosed), "childClosed")]
public abstract record FlowSignal;

/// <summary>The ticket moved to <see cref="Status"/>: completes tasks waiting for it or an earlier lifecycle status.</summary>
public sealed record StatusReached(TicketStatus Status) : FlowSignal;

/// <summary>The required fields of a form section are filled in.</summary>
public sealed record SectionCompleted(string Section) : FlowSignal;

/// <summary>An approver decided on the current level of an Approval node.</summary>
public sealed record Decision(string NodeId, ApprovalOutcome Outcome, string ActorRole, string? Comment) : FlowSignal;

/// <summary>A timer the flow scheduled (<see cref="ScheduleTimer"/>) is due.</summary>
public sealed record TimerDue(string TimerKey) : FlowSignal;

/// <summary>The ticket's facts changed: tasks re-check the status they wait for.</summary>
public sealed record FactsChanged : FlowSignal;

/// <summary>The child ticket of pipeline step <see cref="StepIndex"/> at <see cref="NodeId"/> was closed.</summary>
public sealed record ChildClosed(string NodeId, int StepIndex) : FlowSignal;
