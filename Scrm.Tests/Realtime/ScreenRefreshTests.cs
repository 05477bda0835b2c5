using Microsoft.Extensions.Logging.Abstractions;
using Scrm.App.Realtime;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Realtime;

/// <summary>Open screens re-read on change notices coalesced: a burst costs a few re-reads, and the last one sees the newest state.</summary>
public sealed class ScreenRefreshOnChangeNotices
{
    private readonly ChangeNotifier _notifier = new(NullLogger<ChangeNotifier>.Instance);

    [Fact]
    public async Task ABurstOfNoticesCausesAtMostTwoRereads()
    {
        var rereads = 0;
        using var subscription = _notifier.SubscribeReread(_ => true, async () =>
        {
            Interlocked.Increment(ref rereads);
            await Task.Delay(20);
        }, spacing: TimeSpan.FromMilliseconds(300));

        for (var version = 1; version <= 500; version++) _notifier.Publish(Change(version));
        await Task.Delay(1500);

        // One at once, the other 499 folded into one more (one per notice without coalescing).
        rereads.ShouldBeInRange(1, 2);
    }

    [Fact]
    public async Task AfterAStreamOfNoticesTheScreenShowsTheNewestState()
    {
        long current = 0;
        long shown = -1;
        var rereads = 0;
        using var subscription = _notifier.SubscribeReread(_ => true, async () =>
        {
            Interlocked.Increment(ref rereads);
            var read = Volatile.Read(ref current);
            await Task.Delay(30);  // the query and the render take a while; changes go on meanwhile
            Volatile.Write(ref shown, read);
        }, spacing: TimeSpan.FromMilliseconds(200));

        // About a second of changes, one every 5 ms, each committed before its notice.
        for (var version = 1; version <= 200; version++)
        {
            Volatile.Write(ref current, version);
            _notifier.Publish(Change(version));
            await Task.Delay(5);
        }

        await WaitUntilAsync(() => Volatile.Read(ref shown) == 200);
        // A re-read per 200 ms window at most (a few windows, whatever the machine's load stretched the stream to).
        rereads.ShouldBeLessThan(50);
    }

    [Fact]
    public async Task ANoticeAfterAQuietSpellRereadsAtOnce()
    {
        var reread = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _notifier.SubscribeReread(_ => true, () =>
        {
            reread.TrySetResult();
            return Task.CompletedTask;
        }, spacing: TimeSpan.FromSeconds(30));

        _notifier.Publish(Change(1));

        await reread.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ChangesThatDoNotConcernTheScreenAndChangesAfterClosingCauseNoReread()
    {
        var rereads = 0;
        var subscription = _notifier.SubscribeReread(c => c.Region == "华东", () =>
        {
            Interlocked.Increment(ref rereads);
            return Task.CompletedTask;
        }, spacing: TimeSpan.FromMilliseconds(10));

        _notifier.Publish(Change(1) with { Region = "华南" });
        subscription.Dispose();
        _notifier.Publish(Change(2));
        await Task.Delay(300);

        rereads.ShouldBe(0);
    }

    private static TicketChanged Change(long version) =>
        new(7, "WO-20261128-0007", "华东", null, TicketStatus.New, version, DateTimeOffset.UtcNow);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The screen never showed the newest state.");
            await Task.Delay(20);
        }
    }
}
