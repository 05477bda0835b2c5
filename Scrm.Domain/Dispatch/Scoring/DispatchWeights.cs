using System.Collections.ObjectModel;
using Scrm.Domain.Common;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>One rule per criterion; configured per ticket type and region, the app picks the set that applies.</summary>
public sealed class DispatchWeights
{
    public const double MaxWeight = 100;

    private static readonly int CriterionCount = Enum.GetValues<DispatchCriterion>().Length;

    public DispatchWeights(IEnumerable<CriterionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var byCriterion = new CriterionRule?[CriterionCount];
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule);
            Guard.Defined(rule.Criterion, "criterion");
            Guard.Defined(rule.Mode, "mode");
            if (!double.IsFinite(rule.Weight) || rule.Weight is < 0 or > MaxWeight)
                throw new DomainRuleException("Dispatch.WeightOutOfRange",
                    $"The weight of {rule.Criterion} must be between 0 and {MaxWeight}.", rule.Criterion.ToString(), rule.Weight);
            if (byCriterion[(int)rule.Criterion] is not null)
                throw new DomainRuleException("Dispatch.CriterionRepeated",
                    $"{rule.Criterion} has more than one rule.", rule.Criterion.ToString());
            byCriterion[(int)rule.Criterion] = rule;
        }

        var missing = Enum.GetValues<DispatchCriterion>().Where(c => byCriterion[(int)c] is null).ToArray();
        if (missing.Length > 0)
            throw new DomainRuleException("Dispatch.CriterionMissing",
                $"Every criterion needs a rule; missing: {string.Join(", ", missing)}.", string.Join(", ", missing));

        Ordered = byCriterion!;
        Rules = new ReadOnlyCollection<CriterionRule>(Ordered);
        Weighted = Ordered.Where(r => r.Mode == CriterionMode.Weighted).ToArray();
    }

    /// <summary>
    /// Where to start: the area, availability and a required certification are hard limits; among those
    /// left, skill and closeness matter most, then spare capacity and the customer's own technician.
    /// </summary>
    public static DispatchWeights Default { get; } = new(
    [
        new(DispatchCriterion.ServiceArea, CriterionMode.Filter, 0),
        new(DispatchCriterion.Skill, CriterionMode.Weighted, 3),
        new(DispatchCriterion.Certification, CriterionMode.Filter, 0),
        new(DispatchCriterion.Rating, CriterionMode.Weighted, 1),
        new(DispatchCriterion.Workload, CriterionMode.Weighted, 2),
        new(DispatchCriterion.Distance, CriterionMode.Weighted, 3),
        new(DispatchCriterion.Availability, CriterionMode.Filter, 0),
        new(DispatchCriterion.DedicatedTechnician, CriterionMode.Weighted, 2),
    ]);

    /// <summary>The rules in <see cref="DispatchCriterion"/> order, one each.</summary>
    public IReadOnlyList<CriterionRule> Rules { get; }

    public CriterionRule this[DispatchCriterion criterion] => Ordered[(int)Guard.Defined(criterion, "criterion")];

    // The scorer's hot loop reads the array directly rather than through the read-only wrapper.
    internal CriterionRule[] Ordered { get; }

    /// <summary>The weighted rules, still in criterion order: totals must add up in the same order everywhere.</summary>
    internal CriterionRule[] Weighted { get; }

    private SearchPlan? _plan;

    // Built on first use; two threads racing build equal plans, and either is fine to keep.
    internal SearchPlan Plan => _plan ??= new SearchPlan(this);

    public DispatchWeights With(DispatchCriterion criterion, CriterionMode mode, double weight) =>
        new(Ordered.Select(r => r.Criterion == criterion ? new CriterionRule(criterion, mode, weight) : r));
}
