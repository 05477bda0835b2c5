using Scrm.Domain.Geo;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// Where every technician is, on a 0.1° grid, so that a suggestion looks at those near the job first and stops
/// as soon as nobody farther away could still make the shortlist, instead of scoring the whole workforce.
/// </summary>
/// <remarks>
/// Thread-safety: any number of readers alongside writers. Writers (position pings, shift and workload changes)
/// serialise on a lock and publish a new immutable snapshot; readers take no lock and keep the snapshot they
/// started with, so a technician who moves mid-query is seen once, at the old place or the new one.
/// The grid does not wrap at ±180° longitude: one index must not cover both sides of the antimeridian.
/// </remarks>
public sealed class TechnicianIndex
{
    private readonly Lock _writing = new();
    private volatile IndexSnapshot _snapshot = IndexSnapshot.Empty;

    public TechnicianIndex() { }

    /// <summary>An index of <paramref name="technicians"/>, built in one pass rather than one snapshot per technician.</summary>
    public TechnicianIndex(IEnumerable<TechnicianFacts> technicians)
    {
        ArgumentNullException.ThrowIfNull(technicians);
        _snapshot = IndexSnapshot.Of(technicians);
    }

    public int Count => _snapshot.ById.Count;

    /// <summary>Everyone indexed, in no particular order; a consistent view even while writers change the index.</summary>
    public IEnumerable<TechnicianFacts> Technicians => _snapshot.ById.Values;

    /// <summary>What the index knows about one technician, or null.</summary>
    public TechnicianFacts? Find(long technicianId) => _snapshot.ById.GetValueOrDefault(technicianId);

    /// <summary>
    /// Changes what is known about one technician from what is known now (a ping moving them), in one step with
    /// other writers, so that two changes to the same technician never undo each other. False when not indexed.
    /// </summary>
    public bool Update(long technicianId, Func<TechnicianFacts, TechnicianFacts> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_writing)
        {
            if (!_snapshot.ById.TryGetValue(technicianId, out var known)) return false;
            _snapshot = _snapshot.With(change(known));
            return true;
        }
    }

    /// <summary>Adds the technician, or replaces what was known about them (a ping, a shift change).</summary>
    public void Upsert(TechnicianFacts technician)
    {
        ArgumentNullException.ThrowIfNull(technician);
        lock (_writing) _snapshot = _snapshot.With(technician);
    }

    public bool Remove(long technicianId)
    {
        lock (_writing)
        {
            var before = _snapshot;
            _snapshot = before.Without(technicianId);
            return !ReferenceEquals(before, _snapshot);
        }
    }

    /// <summary>The technicians within <paramref name="km"/> of a point, nearest first.</summary>
    public IReadOnlyList<TechnicianFacts> Within(GeoPoint centre, double km)
    {
        if (double.IsNaN(km) || km < 0) throw new ArgumentOutOfRangeException(nameof(km), km, "A distance is 0 or more.");
        var search = new WithinSearch(centre, km);
        _snapshot.Walk(centre, ref search);
        search.Found.Sort(static (a, b) => a.Km != b.Km ? a.Km.CompareTo(b.Km) : a.Technician.Id.CompareTo(b.Technician.Id));
        var nearestFirst = new TechnicianFacts[search.Found.Count];
        for (var i = 0; i < nearestFirst.Length; i++) nearestFirst[i] = search.Found[i].Technician;
        return nearestFirst;
    }

    /// <summary>
    /// The first <paramref name="count"/> of what <see cref="DispatchScorer.Rank"/> would return over every indexed
    /// technician: same order, same totals, explained. It saves work where distance separates the candidates (nearest
    /// cells first, stopping where nobody farther can make the list) and where ratings and spare capacity do (each cell
    /// best rated first, stopping where nobody rated lower can); it visits everyone when neither can: fewer than
    /// <paramref name="count"/> eligible, or no weight on distance, rating or workload.
    /// Allocates only the explained result: the search itself uses a pooled buffer and no closures.
    /// </summary>
    public IReadOnlyList<CandidateScore> Best(DispatchJob job, DispatchWeights weights, TravelModel travel, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(travel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);

        var snapshot = _snapshot;
        var search = new BestSearch(job, weights, travel, count);
        try
        {
            // The dedicated technician can earn points nobody else can, wherever they are: score them first,
            // which lets the bound leave those points out for everyone else.
            if (job.DedicatedTechnicianId is { } id && snapshot.ById.TryGetValue(id, out var dedicated)) search.Consider(dedicated, 0);
            if (search.Prunes) snapshot.Walk(job.Site, ref search, orderMattersWithinKm: travel.MaxUsefulKm);
            // Distance is off or weighs nothing: it is the same at every distance, so nearest first would only add overhead.
            else snapshot.WalkAll(ref search);
            return search.Explained();
        }
        finally
        {
            search.Dispose();
        }
    }
}
