namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>Scores technicians for a job against the configured criteria and ranks them, explaining each place.</summary>
public static class DispatchScorer
{
    /// <summary>One technician's total, breakdown and exclusion for the job.</summary>
    public static CandidateScore Score(DispatchJob job, TechnicianFacts technician, DispatchWeights weights, TravelModel travel)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(technician);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(travel);
        var km = job.Site.DistanceKmTo(technician.Position);
        var breakdown = new CriterionScore[weights.Ordered.Length];
        var (excluded, total) = Explain(job, technician, weights, travel, km, breakdown);
        return new CandidateScore(technician, total, breakdown, excluded, km, travel.EtaMinutes(km));
    }

    /// <summary>
    /// Every technician, best first: the eligible by total, ties to the nearer and then the lower id;
    /// then the excluded in the same order, each with the filters that excluded them.
    /// </summary>
    public static IReadOnlyList<CandidateScore> Rank(DispatchJob job, IEnumerable<TechnicianFacts> technicians,
        DispatchWeights weights, TravelModel travel)
    {
        ArgumentNullException.ThrowIfNull(technicians);
        var ranked = technicians.Select(t => Score(job, t, weights, travel)).ToList();
        ranked.Sort(CandidateOrder.Comparer);
        return ranked;
    }

    // The index's CandidateSieve adds the same products in the same order: its totals must be bit-for-bit these.
    private static (bool Excluded, double Total) Explain(DispatchJob job, TechnicianFacts technician,
        DispatchWeights weights, TravelModel travel, double km, CriterionScore[] breakdown)
    {
        var rules = weights.Ordered;
        var total = 0.0;
        var excluded = false;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (rule.Mode == CriterionMode.Off)
            {
                breakdown[i] = new(rule.Criterion, CriterionMode.Off, 0, 0, true, DispatchReasons.NotConsidered, []);
                continue;
            }

            var verdict = Criteria.Evaluate(rule.Criterion, job, technician, travel, km, explain: true);
            var points = 0.0;
            if (rule.Mode == CriterionMode.Weighted) total += points = verdict.Score * rule.Weight;
            excluded |= rule.Mode == CriterionMode.Filter && !verdict.Passed;
            breakdown[i] = new(rule.Criterion, rule.Mode, verdict.Score, points, verdict.Passed, verdict.Reason, verdict.Args);
        }

        return (excluded, total);
    }
}
