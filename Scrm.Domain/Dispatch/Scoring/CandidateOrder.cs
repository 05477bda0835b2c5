namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>The one ranking order, shared by <see cref="DispatchScorer.Rank"/> and <see cref="TechnicianIndex.Best"/>.</summary>
internal static class CandidateOrder
{
    public static readonly IComparer<CandidateScore> Comparer = Comparer<CandidateScore>.Create((a, b) =>
        Compare(a.Excluded, a.Total, a.DistanceKm, a.Technician.Id, b.Excluded, b.Total, b.DistanceKm, b.Technician.Id));

    /// <summary>Eligible before excluded, then higher total, then nearer, then lower id.</summary>
    public static int Compare(bool excludedA, double totalA, double kmA, long idA,
        bool excludedB, double totalB, double kmB, long idB)
    {
        if (excludedA != excludedB) return excludedA ? 1 : -1;
        var byTotal = totalB.CompareTo(totalA);
        if (byTotal != 0) return byTotal;
        var byDistance = kmA.CompareTo(kmB);
        return byDistance != 0 ? byDistance : idA.CompareTo(idB);
    }
}
