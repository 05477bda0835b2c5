using System.Buffers;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>A technician as the index sifts them: enough to rank, not yet explained.</summary>
internal readonly record struct ShortlistEntry(TechnicianFacts Technician, bool Excluded, double Total, double Km)
{
    public int CompareTo(ShortlistEntry other) => CandidateOrder.Compare(
        Excluded, Total, Km, Technician.Id, other.Excluded, other.Total, other.Km, other.Technician.Id);
}

/// <summary>
/// The best few so far, in ranking order; meant for a handful, insertion is linear. Its buffer is rented:
/// <see cref="Dispose"/> gives it back (a mutable struct, so kept in a field or local and never copied).
/// </summary>
internal struct Shortlist(int size) : IDisposable
{
    private ShortlistEntry[]? _entries = ArrayPool<ShortlistEntry>.Shared.Rent(size + 1);
    private int _count;

    public readonly int Count => _count;

    public readonly ReadOnlySpan<ShortlistEntry> Entries => _entries.AsSpan(0, _count);

    /// <summary>The entry a newcomer has to beat, once the list is full.</summary>
    public readonly ShortlistEntry? ToBeat => _count == size ? _entries![_count - 1] : null;

    public void Offer(ShortlistEntry entry)
    {
        var entries = _entries!;
        if (_count == size && entry.CompareTo(entries[_count - 1]) >= 0) return;
        var at = _count;
        while (at > 0 && entry.CompareTo(entries[at - 1]) < 0)
        {
            entries[at] = entries[at - 1];
            at--;
        }
        entries[at] = entry;
        if (_count < size) _count++;
    }

    public void Dispose()
    {
        if (_entries is null) return;
        // The entries hold technicians: cleared, so the pool keeps nobody alive.
        ArrayPool<ShortlistEntry>.Shared.Return(_entries, clearArray: true);
        _entries = null;
    }
}
