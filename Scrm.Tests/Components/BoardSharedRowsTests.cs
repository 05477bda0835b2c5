using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Tickets;
using Scrm.App.Resources;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Components;

/// <summary>Open boards share one copy of each ticket row and of its card markup (issue 6: server memory per board).</summary>
public sealed class BoardSharedRows
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    private static TicketRow Row(long version = 1, string title = "空调不制冷", string? assignee = null) =>
        new(7, "WO-20261124-0007", title, TicketType.Repair, TicketPriority.High, TicketStatus.New, "全家便利店（徐汇店）",
            "上海", "华东", null, assignee, Created, Created.AddMinutes(version), version);

    private static IStringLocalizer<SharedResource> Localizer()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    [Fact]
    public void TwoBoardsReadingTheSameTicketHoldOneRow()
    {
        var rows = new BoardRows();
        var first = rows.Share(Row());

        var second = rows.Share(Row());

        second.ShouldBeSameAs(first);
        rows.Count.ShouldBe(1);
    }

    [Fact]
    public void ANewerVersionReplacesTheSharedRowAndAStaleReadDoesNot()
    {
        var rows = new BoardRows();
        var old = rows.Share(Row(version: 1));
        var fresh = rows.Share(Row(version: 2, assignee: "王磊"));

        fresh.ShouldNotBeSameAs(old);
        rows.Share(Row(version: 2, assignee: "王磊")).ShouldBeSameAs(fresh);

        var stale = rows.Share(Row(version: 1));
        stale.Version.ShouldBe(1, "the caller still gets what it read");
        rows.Share(Row(version: 2, assignee: "王磊")).ShouldBeSameAs(fresh, "a stale read never replaces the newer shared row");
    }

    [Fact]
    public void EveryBoardLooksUpOneSharedSlaSummaryPerTicket()
    {
        var rows = new BoardRows();
        rows.PutSla([7, 8], new Dictionary<long, SlaSummary>
        {
            [7] = new(Scrm.Domain.Sla.SlaClockState.Running, 45.6, 0),
            [8] = new(Scrm.Domain.Sla.SlaClockState.Breached, 120.2, 1),
        });
        var first = rows.Sla[7];
        first.PercentUsed.ShouldBe(45, "the card shows whole percents");

        // Another board reads ticket 7 a moment later (45.9 %) and loses ticket 8's clock (closed): one map for all.
        rows.PutSla([7, 8], new Dictionary<long, SlaSummary> { [7] = new(Scrm.Domain.Sla.SlaClockState.Running, 45.9, 0) });

        rows.Sla[7].ShouldBeSameAs(first, "an equal summary is the one already held");
        rows.Sla.ContainsKey(8).ShouldBeFalse();
    }

    [Fact]
    public async Task BoardsReadForAPushAFewAtATime()
    {
        var rows = new BoardRows();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var most = 0;
        var reads = Enumerable.Range(0, 20).Select(_ => rows.PushReadAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return now;
        })).ToList();
        await Task.Delay(100);
        Volatile.Read(ref running).ShouldBe(BoardRows.ConcurrentPushReads);

        release.SetResult(0);
        await Task.WhenAll(reads);
        most.ShouldBe(BoardRows.ConcurrentPushReads, "twenty boards taking one change read four at a time, not twenty at once");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    private static string Card(TicketRow row, IStringLocalizer<SharedResource> l, bool compact = false, bool readOnly = false, string badge = "3 小时") =>
        BoardCardMarkup.Card(row, compact, readOnly, "board-card priority-high age-green", "已开时长", badge, l);

    [Fact]
    public void ACardIsOneStringPerRowAndStateWithTheTicketsTextEncoded()
    {
        using var _ = UiCulture.Chinese();
        var l = Localizer();
        var row = Row(title: "<script>alert(1)</script> & 漏水");

        var full = Card(row, l);

        full.ShouldStartWith("<article class=\"board-card priority-high age-green\" draggable=\"true\" data-testid=\"card\" data-number=\"WO-20261124-0007\" data-version=\"1\">");
        full.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 漏水");
        full.ShouldNotContain("<script>");
        full.ShouldContain("href=\"/tickets/WO-20261124-0007\"");
        full.ShouldContain("未指派");
        full.ShouldContain("<span class=\"card-age\" title=\"已开时长\">3 小时</span>");
        Card(row, l).ShouldBeSameAs(full, "every board showing the card in this state holds the same string");
        Card(row, l, badge: "4 小时").ShouldContain(">4 小时</span>");
        Card(row, l, readOnly: true).ShouldContain("draggable=\"false\"");
        var compact = Card(row, l, compact: true);
        compact.ShouldContain("priority-dot priority-high");
        compact.ShouldNotContain("card-age");
    }

    [Fact]
    public void ACardFollowsTheLanguage()
    {
        var l = Localizer();
        var row = Row();
        string chinese, english;
        using (UiCulture.Chinese()) chinese = Card(row, l);
        using (UiCulture.English()) english = Card(row, l);

        chinese.ShouldContain("未指派");
        english.ShouldContain("Unassigned");
    }
}
