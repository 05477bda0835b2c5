namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// Scores a technician only as far as it takes to know whether they beat the shortlist's last entry, so the
/// index can sift thousands: cheapest criteria first, stopping at a failed filter or once even full marks on
/// the rest fall short.
/// </summary>
internal sealed class CandidateSieve
{
    // Field reads before hash lookups: most technicians are out after one or two, and sifting thousands is
    // bound by touching their memory, a technician's sets and dictionaries being separate objects.
    private static readonly DispatchCriterion[] CheapestFirst =
    [
        DispatchCriterion.Availability, DispatchCriterion.DedicatedTechnician, DispatchCriterion.Distance,
        DispatchCriterion.Workload, DispatchCriterion.Rating, DispatchCriterion.Certification,
        DispatchCriterion.ServiceArea, DispatchCriterion.Skill,
    ];

    private readonly DispatchJob _job;
    private readonly TravelModel _travel;
    private readonly (CriterionRule Rule, int Slot)[] _steps; // Slot: the rule's place among the weighted, -1 for a filter
    private readonly int _weightedCount;
    private readonly double _allWeights;

    public CandidateSieve(DispatchJob job, DispatchWeights weights, TravelModel travel)
    {
        _job = job;
        _travel = travel;
        var weighted = weights.Weighted;
        _weightedCount = weighted.Length;
        _allWeights = weighted.Sum(r => r.Weight);
        _steps = weights.Ordered.Where(r => r.Mode != CriterionMode.Off)
            .OrderBy(r => Array.IndexOf(CheapestFirst, r.Criterion))
            .Select(r => (r, Array.IndexOf(weighted, r)))
            .ToArray();
    }

    /// <summary>The technician as a shortlist entry, or null when they cannot rank above <paramref name="toBeat"/>.</summary>
    public ShortlistEntry? Sift(TechnicianFacts technician, double km, ShortlistEntry? toBeat)
    {
        // Stopping early needs an eligible entry to beat: it outranks every excluded technician and every
        // eligible one with a lower total. Against an excluded one or an unfilled list, everything is worked out.
        var mustReach = toBeat is { Excluded: false } last ? last.Total - ShortlistBound.Slack : double.NegativeInfinity;
        var stopEarly = mustReach > double.NegativeInfinity;
        Span<double> points = stackalloc double[_weightedCount];
        var most = _allWeights;
        var excluded = false;
        foreach (var (rule, slot) in _steps)
        {
            var verdict = Criteria.Evaluate(rule.Criterion, _job, technician, _travel, km, explain: false);
            if (slot < 0)
            {
                if (verdict.Passed) continue;
                if (stopEarly) return null;
                excluded = true;
                continue;
            }

            points[slot] = verdict.Score * rule.Weight;
            most -= rule.Weight - points[slot];
            if (most < mustReach) return null;
        }

        // Added in criterion order, as DispatchScorer.Score does: bit-for-bit its total, as matching Rank requires.
        var total = 0.0;
        foreach (var p in points) total += p;
        return new ShortlistEntry(technician, excluded, total, km);
    }
}
