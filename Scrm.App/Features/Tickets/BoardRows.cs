using System.Collections.Concurrent;
using Scrm.App.Features.Sla;

namespace Scrm.App.Features.Tickets;

/// <summary>
/// One copy of each board row for the whole process. Every open board reads the same few hundred tickets of its
/// region; without this each circuit keeps its own record and strings for all of them (~160 KB per 450 cards). A row
/// read again that is equal to the one held (records compare by value) is replaced by the held one, so boards that
/// show the same tickets hold references to the same immutable rows, and the per-row card markup cached on them.
/// </summary>
public sealed class BoardRows
{
    /// <summary>Beyond this many distinct tickets the pool starts again: it is a cache, not a registry.</summary>
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<long, TicketRow> _rows = new();

    public int Count => _rows.Count;

    /// <summary>The shared instance equal to <paramref name="row"/>; a row that differs (a newer version) becomes the shared one.</summary>
    public TicketRow Share(TicketRow row)
    {
        if (_rows.TryGetValue(row.Id, out var held) && held.Equals(row)) return held;
        if (_rows.Count >= Capacity) _rows.Clear();
        // A stale read never replaces a newer shared row, but its caller still gets what it read.
        var shared = _rows.AddOrUpdate(row.Id, row, (_, current) => current.Equals(row) || current.Version > row.Version ? current : row);
        return shared.Equals(row) ? shared : row;
    }

    public List<TicketRow> Share(IEnumerable<TicketRow> rows) => rows.Select(Share).ToList();

    /// <summary>Sets of SLA summaries kept for reuse: about one per region and scope with boards open.</summary>
    private const int RecentSlaSets = 8;

    private readonly ConcurrentDictionary<SlaSummary, SlaSummary> _summaries = new();
    private volatile IReadOnlyDictionary<long, SlaSummary>[] _recentSla = [];

    /// <summary>
    /// The SLA summaries of a board, shared like the rows: a board held its own dictionary and summary per ticket of
    /// its region (~40 KB for 500 tickets) while drawing a screenful of them. The share used is cut to whole percents
    /// (what the card shows; the amber threshold is a whole percent too), so that boards reading a moment apart hold
    /// equal summaries, and an equal set another board already holds is returned instead of a new one.
    /// </summary>
    public IReadOnlyDictionary<long, SlaSummary> Share(IReadOnlyDictionary<long, SlaSummary> sla)
    {
        var recent = _recentSla;
        var whole = new Dictionary<long, SlaSummary>(sla.Count);
        if (_summaries.Count >= Capacity) _summaries.Clear();
        foreach (var (id, summary) in sla)
        {
            var cut = summary with { PercentUsed = Math.Floor(summary.PercentUsed) };
            whole[id] = _summaries.GetOrAdd(cut, cut);
        }
        foreach (var held in recent)
            if (held.Count == whole.Count && whole.All(e => held.TryGetValue(e.Key, out var h) && ReferenceEquals(h, e.Value))) return held;
        _recentSla = [whole, .. recent.Take(RecentSlaSets - 1)];
        return whole;
    }
}
