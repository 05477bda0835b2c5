using System.Collections.Concurrent;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// How many viewers follow each ticket on this server. The broadcaster reads and renders a ticket's page only when
/// someone is watching it: most tickets change with nobody on their progress page, and ticket creation is a hot path.
/// </summary>
public sealed class TrackingAudience
{
    private readonly ConcurrentDictionary<long, int> _viewers = new();

    public void Join(long ticketId) => _viewers.AddOrUpdate(ticketId, 1, (_, n) => n + 1);

    public void Leave(long ticketId)
    {
        while (_viewers.TryGetValue(ticketId, out var n))
        {
            if (n <= 1 ? _viewers.TryRemove(new KeyValuePair<long, int>(ticketId, n)) : _viewers.TryUpdate(ticketId, n - 1, n)) return;
        }
    }

    public bool IsWatched(long ticketId) => _viewers.ContainsKey(ticketId);

    public int ViewersOf(long ticketId) => _viewers.GetValueOrDefault(ticketId);
}
