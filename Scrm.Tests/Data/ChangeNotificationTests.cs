using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Realtime;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class ChangeNotifications(TestApp app)
{
    private ChangeNotifier Notifier => app.Get<ChangeNotifier>();

    [Fact]
    public async Task SubscriberHearsOfCreateAndTransitionOnlyOnceTheyAreCommitted()
    {
        var heard = new ConcurrentQueue<(TicketChanged Change, long? StoredVersion)>();
        using var subscription = Notifier.Subscribe(async change =>
        {
            // What a screen would do on the signal: read the ticket. It must already be there, at that version or a later one
            // (handlers run off the writer's thread, so the next change may have committed by the time this one reads).
            await using var db = await app.DbAsync();
            var stored = await db.Tickets.AsNoTracking().Where(t => t.Id == change.TicketId).Select(t => (long?)t.Version).SingleOrDefaultAsync();
            heard.Enqueue((change, stored));
        });

        var ticket = await app.CreateTicketAsync(TestApp.Admin, "天津");
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.Cancelled, "客户取消", ticket.Row.Version);

        // The SLA module's note on the ticket is heard too, at the version it found: one change per version is what counts.
        await Eventually(() => heard.Where(h => h.Change.TicketId == ticket.Row.Id).Select(h => h.Change.Version).Distinct().Count() == 2);
        var mine = heard.Where(h => h.Change.TicketId == ticket.Row.Id).OrderBy(h => h.Change.Version).DistinctBy(h => h.Change.Version).ToList();
        mine[0].Change.Status.ShouldBe(TicketStatus.New);
        mine[0].Change.Number.ShouldBe(ticket.Row.Number);
        mine[0].Change.Region.ShouldBe("华北");
        mine[1].Change.Status.ShouldBe(TicketStatus.Cancelled);
        mine.ShouldAllBe(h => h.StoredVersion >= h.Change.Version);
    }

    [Fact]
    public async Task ASubscriberHearsInItsOwnUiLanguageNotThePublishers()
    {
        var cultures = new ConcurrentQueue<string>();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        IDisposable subscription;
        try
        {
            // A screen switched to English subscribes; the change is published from the dispatcher's thread.
            subscription = Notifier.Subscribe(_ =>
            {
                cultures.Enqueue(System.Globalization.CultureInfo.CurrentUICulture.Name);
                return Task.CompletedTask;
            });
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
        using (subscription)
        {
            await app.CreateTicketAsync(TestApp.Admin, "天津");
            await Eventually(() => !cultures.IsEmpty);
        }

        cultures.ShouldAllBe(c => c == "en");
    }

    [Fact]
    public async Task DisposedSubscriptionHearsNothingMore()
    {
        var gone = 0;
        var still = new ConcurrentBag<long>();
        var subscription = Notifier.Subscribe(_ => { Interlocked.Increment(ref gone); return Task.CompletedTask; });
        using var witness = Notifier.Subscribe(c => { still.Add(c.TicketId); return Task.CompletedTask; });

        subscription.Dispose();
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "石家庄");

        await Eventually(() => still.Contains(ticket.Row.Id));
        gone.ShouldBe(0);
    }

    [Fact]
    public async Task ThrowingSubscriberDoesNotStopTheOthersNorTheWrite()
    {
        var heard = new ConcurrentBag<long>();
        using var failing = Notifier.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using var failingLater = Notifier.Subscribe(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("subscriber bug after an await");
        });
        using var healthy = Notifier.Subscribe(c => { heard.Add(c.TicketId); return Task.CompletedTask; });

        var ticket = await app.CreateTicketAsync(TestApp.Admin, "太原");

        await Eventually(() => heard.Contains(ticket.Row.Id));
        (await app.LoadTicketAsync(ticket.Row.Id)).Number.ShouldBe(ticket.Row.Number);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The expected notification did not arrive within 5 s.");
            await Task.Delay(10);
        }
    }
}
