namespace Scrm.Domain.Dispatch.Scoring;

/// <summary><see cref="TechnicianIndex.Best"/>'s walk over the grid: the bound, the sieve and the shortlist so far.</summary>
internal struct BestSearch : ICellVisitor, IDisposable
{
    private readonly DispatchJob _job;
    private readonly DispatchWeights _weights;
    private readonly TravelModel _travel;
    private readonly ShortlistBound _bound;
    private readonly CandidateSieve _sieve;
    private Shortlist _shortlist;

    public BestSearch(DispatchJob job, DispatchWeights weights, TravelModel travel, int count)
    {
        (_job, _weights, _travel) = (job, weights, travel);
        _bound = new ShortlistBound(job, weights, travel);
        _sieve = new CandidateSieve(job, weights, travel);
        _shortlist = new Shortlist(count);
    }

    public readonly bool Prunes => _bound.Prunes;

    public readonly bool GoOn(double atLeastKm) => _bound.MayBeat(_shortlist.ToBeat, atLeastKm);

    public void Visit(CellTechnicians cell, double atLeastKm)
    {
        foreach (var technician in cell.ByRating)
        {
            // Best rated first: once this one's rating cannot reach the list, nobody after them in the cell can.
            var toBeat = _shortlist.ToBeat;
            if (_bound.SpareCeiling(toBeat, cell) is not { } spare
                || !_bound.MayBeat(toBeat, atLeastKm, Criteria.RatingScore(technician), spare)) return;
            if (technician.Id != _job.DedicatedTechnicianId) Consider(technician, atLeastKm);
        }
    }

    public void Consider(TechnicianFacts technician, double atLeastKm)
    {
        // Where distance cannot change the score (past MaxUsefulKm, or distance not counted) a lower bound
        // scores exactly as the true figure does; the great-circle sum is then only worked out to break ties
        // for someone who makes the list.
        var exact = _bound.NeedsExactKm(atLeastKm);
        var km = exact ? _job.Site.DistanceKmTo(technician.Position) : atLeastKm;
        var toBeat = _shortlist.ToBeat;
        if (!_bound.MayBeat(toBeat, km) || _sieve.Sift(technician, km, toBeat) is not { } entry) return;
        _shortlist.Offer(exact ? entry : entry with { Km = _job.Site.DistanceKmTo(technician.Position) });
    }

    /// <summary>The shortlist, each explained as <see cref="DispatchScorer.Score"/> explains a candidate.</summary>
    public readonly CandidateScore[] Explained()
    {
        var entries = _shortlist.Entries;
        var explained = new CandidateScore[entries.Length];
        for (var i = 0; i < entries.Length; i++) explained[i] = DispatchScorer.Score(_job, entries[i].Technician, _weights, _travel);
        return explained;
    }

    public void Dispose() => _shortlist.Dispose();
}

/// <summary><see cref="TechnicianIndex.Within"/>'s walk: everyone within reach, with how far.</summary>
internal readonly struct WithinSearch(Geo.GeoPoint centre, double km) : ICellVisitor
{
    public List<(TechnicianFacts Technician, double Km)> Found { get; } = [];

    public bool GoOn(double atLeastKm) => atLeastKm <= km;

    public void Visit(CellTechnicians cell, double atLeastKm)
    {
        foreach (var technician in cell.ByRating)
        {
            var distance = centre.DistanceKmTo(technician.Position);
            if (distance <= km) Found.Add((technician, distance));
        }
    }
}
