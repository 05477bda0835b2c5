namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>A technician's standing for one job, with the breakdown that explains it.</summary>
public sealed record CandidateScore(
    TechnicianFacts Technician,
    double Total,
    IReadOnlyList<CriterionScore> Breakdown,
    bool Excluded,
    double DistanceKm,
    int EtaMinutes)
{
    /// <summary>The filters this technician failed; empty when eligible.</summary>
    public IReadOnlyList<CriterionScore> ExcludedBy =>
        Breakdown.Where(c => c.Mode == CriterionMode.Filter && !c.Passed).ToList();
}
