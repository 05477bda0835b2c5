namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>How one criterion counts; <see cref="Weight"/> only matters in <see cref="CriterionMode.Weighted"/> mode.</summary>
public sealed record CriterionRule(DispatchCriterion Criterion, CriterionMode Mode, double Weight);
