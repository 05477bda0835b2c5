namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// Whether a technician at a given distance could still make the shortlist, known before scoring them.
/// At most they earn every weighted point except for distance, plus the distance points at that distance; where their
/// rating and spare capacity are known (or known not to exceed a ceiling), those points instead of full marks.
/// The dedicated technician's points are left out: only one technician can earn them, and the index scores
/// that one first, whatever the distance.
/// </summary>
internal readonly struct ShortlistBound
{
    // Totals are sums of at most eight products; their rounding is many orders below this.
    internal const double Slack = 1e-9;

    private readonly SearchPlan _plan;
    private readonly TravelModel _travel;
    private readonly bool _onlyDedicatedEligible;

    public ShortlistBound(DispatchJob job, DispatchWeights weights, TravelModel travel)
    {
        _plan = weights.Plan;
        _travel = travel;
        _onlyDedicatedEligible = _plan.DedicatedFilters && job.DedicatedTechnicianId is not null;
    }

    /// <summary>
    /// Whether distance limits who can still win: weighted with some weight, or a filter (nobody past
    /// MaxUsefulKm is eligible). Otherwise the bound never tightens with distance and there is no nearest first.
    /// </summary>
    public bool Prunes => _plan.DistanceWeight > 0 || _plan.DistanceFilters;

    /// <summary>
    /// Whether a technician at least <paramref name="atLeastKm"/> away scores differently at their exact distance:
    /// only while distance counts and they may be within MaxUsefulKm (beyond it distance earns 0 and fails the filter).
    /// </summary>
    public bool NeedsExactKm(double atLeastKm) => Prunes && atLeastKm <= _travel.MaxUsefulKm;

    /// <summary>Whether a technician other than the dedicated one, at least <paramref name="km"/> away, could rank above <paramref name="toBeat"/>.</summary>
    public bool MayBeat(ShortlistEntry? toBeat, double km) => MayBeat(toBeat, km, 1, 1);

    /// <summary>
    /// The same for a technician whose rating score is at most <paramref name="ratingCeiling"/> and whose workload score
    /// is at most <paramref name="spareCeiling"/>.
    /// </summary>
    public bool MayBeat(ShortlistEntry? toBeat, double km, double ratingCeiling, double spareCeiling)
    {
        if (toBeat is not { } last) return true;
        var mayBeEligible = !_onlyDedicatedEligible && !(_plan.DistanceFilters && km > _travel.MaxUsefulKm);
        if (last.Excluded && mayBeEligible) return true; // an eligible technician outranks any excluded one
        if (!last.Excluded && !mayBeEligible) return false;
        // Same side of the line: only the total can lift them above.
        var most = _plan.OtherPoints - _plan.RatingWeight * (1 - ratingCeiling) - _plan.SpareWeight * (1 - spareCeiling)
                   + _plan.DistanceWeight * _travel.DistanceScore(km);
        return most >= last.Total - Slack;
    }

    /// <summary>
    /// The most spare capacity that counts in <paramref name="cell"/> against <paramref name="toBeat"/>: once an eligible
    /// technician is to be beaten and availability is a filter, only the available can; null when none of them is.
    /// </summary>
    public double? SpareCeiling(ShortlistEntry? toBeat, CellTechnicians cell)
    {
        if (toBeat is not { Excluded: false } || !_plan.AvailabilityFilters) return cell.MostSpare;
        return cell.MostSpareAvailable == CellTechnicians.NoneAvailable ? null : cell.MostSpareAvailable;
    }
}
