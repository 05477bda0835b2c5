using Scrm.Domain.Channels;

namespace Scrm.App.Features.Channels;

/// <summary>
/// Text to a WeCom member, as the notification module and the inbox worker send it: split into parts of at most
/// 2,048 UTF-8 bytes, and held back, never dropped, when the member already had 30 messages in the last minute.
/// </summary>
public sealed class WeComMessenger(WeComClient client, TimeProvider clock)
{
    private readonly SendWindow _window = SendWindow.WeCom();
    private readonly Lock _booking = new();
    private int _sends;

    public async Task SendTextAsync(string toUser, string text, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toUser);
        var parts = TextSplitter.SplitUtf8(text);
        // The parts book their slots together, so another message to the same member cannot land between them.
        var slots = new DateTimeOffset[parts.Count];
        lock (_booking)
        {
            var now = clock.GetUtcNow();
            for (var i = 0; i < parts.Count; i++) slots[i] = _window.Reserve(toUser, now);
            if (++_sends % 1000 == 0) _window.Prune(now);
        }
        for (var i = 0; i < parts.Count; i++)
        {
            var wait = slots[i] - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
            await client.SendTextAsync(toUser, parts[i], ct);
        }
    }
}
