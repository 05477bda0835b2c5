namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>A technician as the index sifts them: enough to rank, not yet explained.</summary>
internal readonly record struct ShortlistEntry(TechnicianFacts Technician, bool Excluded, double Total, double Km)
{
    public int CompareTo(ShortlistEntry other) => CandidateOrder.Compare(
        Excluded, Total, Km, Technician.Id, other.Excluded, other.Total, other.Km, other.Technician.Id);
}

/// <summary>The best few so far, in ranking order; meant for a handful, insertion is linear.</summary>
internal sealed class Shortlist(int size)
{
    private readonly List<ShortlistEntry> _entries = new(size + 1);

    public IReadOnlyList<ShortlistEntry> Entries => _entries;

    /// <summary>The entry a newcomer has to beat, once the list is full.</summary>
    public ShortlistEntry? ToBeat => _entries.Count == size ? _entries[^1] : null;

    public void Offer(ShortlistEntry entry)
    {
        if (_entries.Count == size && entry.CompareTo(_entries[^1]) >= 0) return;
        var at = _entries.Count;
        while (at > 0 && entry.CompareTo(_entries[at - 1]) < 0) at--;
        _entries.Insert(at, entry);
        if (_entries.Count > size) _entries.RemoveAt(size);
    }
}
