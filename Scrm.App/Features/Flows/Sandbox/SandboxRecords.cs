using Scrm.Domain.Common;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Sandbox;

/// <summary>One thing done in the sandbox: the signal given (null for the start), what it produced, or why the engine refused it.</summary>
public sealed record SandboxStep(int Number, FlowSignal? Signal, DateTimeOffset At, IReadOnlyList<FlowEffect> Effects, DomainRuleException? Refusal)
{
    public bool Refused => Refusal is not null;
}

/// <summary>What an offered signal is for, so the panel can word it and group it.</summary>
public enum SandboxOfferKind
{
    StatusReached,
    SectionCompleted,
    Decision,
    TimerDue,
    ChildClosed,
}

/// <summary>
/// A signal that makes sense now for the active node <see cref="NodeId"/>. For a decision <see cref="Signal"/> carries
/// the level's role and no comment: the panel may change both. <see cref="Detail"/> is the timer's due time, the child
/// step's title or the approval level's label.
/// </summary>
public sealed record SandboxOffer(string NodeId, SandboxOfferKind Kind, FlowSignal Signal, string? Detail = null, DateTimeOffset? DueAt = null);
