namespace Scrm.Domain.Sla;

/// <summary>
/// A ladder step and the instant it falls due for one clock. The app fires each once, keyed by ticket, metric and
/// <see cref="StepIndex"/> (the step's place on the policy's ladder).
/// </summary>
public sealed record SlaEscalationDue(SlaMetric Metric, int StepIndex, EscalationStep Step, DateTimeOffset DueAt);
