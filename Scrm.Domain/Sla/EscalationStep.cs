namespace Scrm.Domain.Sla;

public enum EscalationAction
{
    RemindAssignee,
    NotifySupervisor,
    ReassignToBackup,
    NotifyManager,
    VoiceCall,
}

/// <summary>
/// One rung of an escalation ladder: when a clock has used <see cref="AtPercent"/> of its target (200 = twice the
/// target), do <see cref="Action"/>, for <see cref="Metric"/> only or for every metric (null). <see cref="Role"/> is
/// whom it addresses (an AppRoles name; null: the action's default).
/// </summary>
public sealed record EscalationStep(int AtPercent, EscalationAction Action, SlaMetric? Metric = null, string? Role = null, string? Label = null)
{
    public bool AppliesTo(SlaMetric metric) => Metric is null || Metric == metric;
}
