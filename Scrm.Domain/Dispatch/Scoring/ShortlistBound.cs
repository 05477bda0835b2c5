namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// Whether a technician at a given distance could still make the shortlist, known before scoring them.
/// At most they earn every weighted point except for distance, plus the distance points at that distance.
/// The dedicated technician's points are left out: only one technician can earn them, and the index scores
/// that one first, whatever the distance.
/// </summary>
internal sealed class ShortlistBound
{
    // Totals are sums of at most eight products; their rounding is many orders below this.
    internal const double Slack = 1e-9;

    private readonly TravelModel _travel;
    private readonly double _otherPoints;
    private readonly double _distanceWeight;
    private readonly bool _distanceFilters;
    private readonly bool _onlyDedicatedEligible;

    public ShortlistBound(DispatchJob job, DispatchWeights weights, TravelModel travel)
    {
        _travel = travel;
        _otherPoints = weights.Ordered
            .Where(r => r.Mode == CriterionMode.Weighted
                && r.Criterion is not (DispatchCriterion.Distance or DispatchCriterion.DedicatedTechnician))
            .Sum(r => r.Weight);
        var distance = weights[DispatchCriterion.Distance];
        _distanceWeight = distance.Mode == CriterionMode.Weighted ? distance.Weight : 0;
        _distanceFilters = distance.Mode == CriterionMode.Filter;
        _onlyDedicatedEligible = weights[DispatchCriterion.DedicatedTechnician].Mode == CriterionMode.Filter
            && job.DedicatedTechnicianId is not null;
    }

    /// <summary>
    /// Whether distance limits who can still win: weighted with some weight, or a filter (nobody past
    /// MaxUsefulKm is eligible). Otherwise the bound never tightens with distance and a scan is as good.
    /// </summary>
    public bool Prunes => _distanceWeight > 0 || _distanceFilters;

    /// <summary>
    /// Whether a technician at least <paramref name="atLeastKm"/> away scores differently at their exact distance:
    /// only while distance counts and they may be within MaxUsefulKm (beyond it distance earns 0 and fails the filter).
    /// </summary>
    public bool NeedsExactKm(double atLeastKm) => Prunes && atLeastKm <= _travel.MaxUsefulKm;

    /// <summary>Whether a technician other than the dedicated one, at least <paramref name="km"/> away, could rank above <paramref name="toBeat"/>.</summary>
    public bool MayBeat(ShortlistEntry? toBeat, double km)
    {
        if (toBeat is not { } last) return true;
        var mayBeEligible = !_onlyDedicatedEligible && !(_distanceFilters && km > _travel.MaxUsefulKm);
        if (last.Excluded && mayBeEligible) return true; // an eligible technician outranks any excluded one
        if (!last.Excluded && !mayBeEligible) return false;
        // Same side of the line: only the total can lift them above.
        return _otherPoints + _distanceWeight * _travel.DistanceScore(km) >= last.Total - Slack;
    }
}
