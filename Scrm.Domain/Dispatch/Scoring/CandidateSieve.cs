namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// Scores a technician only as far as it takes to know whether they beat the shortlist's last entry, so the
/// index can sift thousands: cheapest criteria first (<see cref="SearchPlan.Steps"/>), stopping at a failed filter or
/// once even full marks on the rest fall short. Allocates nothing.
/// </summary>
internal readonly struct CandidateSieve(DispatchJob job, DispatchWeights weights, TravelModel travel)
{
    private readonly SearchPlan _plan = weights.Plan;

    /// <summary>The technician as a shortlist entry, or null when they cannot rank above <paramref name="toBeat"/>.</summary>
    public ShortlistEntry? Sift(TechnicianFacts technician, double km, ShortlistEntry? toBeat)
    {
        // Stopping early needs an eligible entry to beat: it outranks every excluded technician and every
        // eligible one with a lower total. Against an excluded one or an unfilled list, everything is worked out.
        var mustReach = toBeat is { Excluded: false } last ? last.Total - ShortlistBound.Slack : double.NegativeInfinity;
        var stopEarly = mustReach > double.NegativeInfinity;
        Span<double> points = stackalloc double[_plan.WeightedCount];
        var most = _plan.AllWeights;
        var excluded = false;
        foreach (var step in _plan.Steps)
        {
            var verdict = Criteria.Evaluate(step.Criterion, job, technician, travel, km, explain: false);
            if (step.Slot < 0)
            {
                if (verdict.Passed) continue;
                if (stopEarly) return null;
                excluded = true;
                continue;
            }

            points[step.Slot] = verdict.Score * step.Weight;
            most -= step.Weight - points[step.Slot];
            if (most < mustReach) return null;
        }

        // Added in criterion order, as DispatchScorer.Score does: bit-for-bit its total, as matching Rank requires.
        var total = 0.0;
        foreach (var p in points) total += p;
        return new ShortlistEntry(technician, excluded, total, km);
    }
}
