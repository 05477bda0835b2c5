namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// What the index's search derives from one set of weights: the sieve's order of checks and the bound's sums. Worked
/// out once per <see cref="DispatchWeights"/> (which never changes) rather than on every suggestion.
/// </summary>
internal sealed class SearchPlan
{
    // Field reads before hash lookups: most technicians are out after one or two, and sifting thousands is
    // bound by touching their memory, a technician's sets and dictionaries being separate objects.
    private static readonly DispatchCriterion[] CheapestFirst =
    [
        DispatchCriterion.Availability, DispatchCriterion.DedicatedTechnician, DispatchCriterion.Distance,
        DispatchCriterion.Workload, DispatchCriterion.Rating, DispatchCriterion.Certification,
        DispatchCriterion.ServiceArea, DispatchCriterion.Skill,
    ];

    public SearchPlan(DispatchWeights weights)
    {
        var weighted = weights.Weighted;
        WeightedCount = weighted.Length;
        AllWeights = weighted.Sum(r => r.Weight);
        Steps = weights.Ordered.Where(r => r.Mode != CriterionMode.Off)
            .OrderBy(r => Array.IndexOf(CheapestFirst, r.Criterion))
            .Select(r => new SieveStep(r.Criterion, r.Mode == CriterionMode.Weighted ? r.Weight : 0, Array.IndexOf(weighted, r)))
            .ToArray();
        OtherPoints = weighted.Where(r => r.Criterion is not (DispatchCriterion.Distance or DispatchCriterion.DedicatedTechnician))
            .Sum(r => r.Weight);
        DistanceWeight = WeightOf(weights, DispatchCriterion.Distance);
        RatingWeight = WeightOf(weights, DispatchCriterion.Rating);
        SpareWeight = WeightOf(weights, DispatchCriterion.Workload);
        DistanceFilters = weights[DispatchCriterion.Distance].Mode == CriterionMode.Filter;
        AvailabilityFilters = weights[DispatchCriterion.Availability].Mode == CriterionMode.Filter;
        DedicatedFilters = weights[DispatchCriterion.DedicatedTechnician].Mode == CriterionMode.Filter;
    }

    /// <summary>The criteria that count, cheapest first.</summary>
    public SieveStep[] Steps { get; }

    public int WeightedCount { get; }

    /// <summary>Every weighted criterion's weight: the most anyone can score.</summary>
    public double AllWeights { get; }

    /// <summary>The weights of the weighted criteria other than distance and the dedicated technician.</summary>
    public double OtherPoints { get; }

    public double DistanceWeight { get; }

    public double RatingWeight { get; }

    public double SpareWeight { get; }

    public bool DistanceFilters { get; }

    public bool AvailabilityFilters { get; }

    public bool DedicatedFilters { get; }

    private static double WeightOf(DispatchWeights weights, DispatchCriterion criterion) =>
        weights[criterion] is { Mode: CriterionMode.Weighted } rule ? rule.Weight : 0;
}

/// <summary>One check of the sieve. Slot: the rule's place among the weighted rules, -1 for a filter.</summary>
internal readonly record struct SieveStep(DispatchCriterion Criterion, double Weight, int Slot);
