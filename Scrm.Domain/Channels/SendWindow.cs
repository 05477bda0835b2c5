namespace Scrm.Domain.Channels;

/// <summary>
/// A per-recipient sliding window: at most <see cref="Limit"/> sends to one recipient in any <see cref="Window"/>.
/// A send over the limit is never refused; it gets the earliest time it may go (the queue's next free slot).
/// Not thread-safe: the caller serialises <see cref="Reserve"/>.
/// </summary>
public sealed class SendWindow(int limit, TimeSpan window)
{
    /// <summary>WeCom's application messages: 30 a minute per member.</summary>
    public static SendWindow WeCom() => new(30, TimeSpan.FromMinutes(1));

    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    public int Limit { get; } = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit));
    public TimeSpan Window { get; } = window;

    /// <summary>Books the next send to <paramref name="recipient"/> and returns when it may go (now, or later).</summary>
    public DateTimeOffset Reserve(string recipient, DateTimeOffset now)
    {
        if (!_sent.TryGetValue(recipient, out var slots)) _sent[recipient] = slots = new Queue<DateTimeOffset>();
        while (slots.Count > 0 && slots.Peek() <= now - Window) slots.Dequeue();
        // Slots are booked in order, so the one Limit places back decides: the new send goes a window after it.
        var at = slots.Count < Limit ? now : Max(now, slots.ElementAt(slots.Count - Limit) + Window);
        if (slots.Count > 0 && at < slots.Last()) at = slots.Last();
        slots.Enqueue(at);
        return at;
    }

    /// <summary>Forgets recipients whose last send left the window, so the map does not grow for ever.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (recipient, slots) in _sent.ToList())
            if (slots.Count == 0 || slots.Last() <= now - Window) _sent.Remove(recipient);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
