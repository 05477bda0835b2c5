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

    private readonly ConcurrentDictionary<SlaSummary, SlaSummary> _summaries = new();
    private readonly ConcurrentDictionary<long, SlaSummary> _sla = new();

    /// <summary>
    /// The newest SLA summary read for each ticket on an open board, one map for every board: a board looks up only
    /// the tickets it shows (the data layer decided which those are). Each board held its own dictionary for its
    /// region's 500 tickets, and after every live change a new one (2–3 per board in the heap snapshots, ~30 KB).
    /// </summary>
    public IReadOnlyDictionary<long, SlaSummary> Sla => _sla;

    /// <summary>
    /// Takes the summaries just read for <paramref name="ticketIds"/>: cut to whole percents (what the card shows; the
    /// amber threshold is a whole percent too) and interned; a ticket read without one (no policy, or no longer) loses its entry.
    /// </summary>
    public void PutSla(IReadOnlyCollection<long> ticketIds, IReadOnlyDictionary<long, SlaSummary> read)
    {
        if (_sla.Count >= Capacity) _sla.Clear();
        if (_summaries.Count >= Capacity) _summaries.Clear();
        foreach (var id in ticketIds)
        {
            if (read.TryGetValue(id, out var summary))
            {
                var cut = summary with { PercentUsed = Math.Floor(summary.PercentUsed) };
                _sla[id] = _summaries.GetOrAdd(cut, cut);
            }
            else _sla.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Reads that open boards make because of a push, at most this many at once in the process. Every board re-read the
    /// changed ticket the moment the change arrived, so a change ran one query per open board at once, and EF's context
    /// pool and SQLite's connection pool grew to that many (each connection with its own page cache) and kept them.
    /// </summary>
    public const int ConcurrentPushReads = 4;

    private readonly SemaphoreSlim _pushReads = new(ConcurrentPushReads);

    /// <summary>Runs a board's read for a live change within <see cref="ConcurrentPushReads"/>.</summary>
    public async Task<T> PushReadAsync<T>(Func<Task<T>> read)
    {
        await _pushReads.WaitAsync();
        try
        {
            return await read();
        }
        finally
        {
            _pushReads.Release();
        }
    }
}
