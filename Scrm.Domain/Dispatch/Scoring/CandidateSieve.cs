namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// Scores a technician only as far as it takes to know whether they beat the shortlist's last entry, so the
/// index can sift thousands: filters first, then weighted criteria until even full marks on the rest fall short.
/// </summary>
internal sealed class CandidateSieve(DispatchJob job, DispatchWeights weights, TravelModel travel)
{
    private readonly double _allWeights = weights.Weighted.Sum(r => r.Weight);

    /// <summary>The technician as a shortlist entry, or null when they cannot rank above <paramref name="toBeat"/>.</summary>
    public ShortlistEntry? Sift(TechnicianFacts technician, double km, ShortlistEntry? toBeat)
    {
        var excluded = false;
        foreach (var rule in weights.Filters)
        {
            if (Criteria.Evaluate(rule.Criterion, job, technician, travel, km, explain: false).Passed) continue;
            if (toBeat is { Excluded: false }) return null; // an excluded technician never outranks an eligible one
            excluded = true;
        }

        // On the same side of the line only the total can lift them above; on the better side they are in anyway.
        var mustReach = toBeat is { } last && last.Excluded == excluded
            ? last.Total - ShortlistBound.Slack
            : double.NegativeInfinity;
        var rules = weights.Weighted;
        Span<double> points = stackalloc double[rules.Length];
        var most = _allWeights;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            points[i] = Criteria.Evaluate(rule.Criterion, job, technician, travel, km, explain: false).Score * rule.Weight;
            most -= rule.Weight - points[i];
            if (most < mustReach) return null;
        }

        // Added in criterion order, as DispatchScorer.Score does: bit-for-bit its total, as matching Rank requires.
        var total = 0.0;
        foreach (var p in points) total += p;
        return new ShortlistEntry(technician, excluded, total, km);
    }
}
