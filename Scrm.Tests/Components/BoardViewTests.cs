using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

public sealed class BoardViewRendering : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    public BoardViewRendering()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public async Task RendersOneColumnPerStatusWithItsCount()
    {
        using var _ = UiCulture.Chinese();
        var tickets = new[]
        {
            Row(1, TicketStatus.New), Row(2, TicketStatus.New), Row(3, TicketStatus.New),
            Row(4, TicketStatus.Assigned), Row(5, TicketStatus.OnHold), Row(6, TicketStatus.Closed),
        };

        var cut = RenderBoard(tickets);
        await ExpandAsync(cut, TicketStatus.Closed);
        await ExpandAsync(cut, TicketStatus.Cancelled);

        cut.FindAll("section.board-column").Select(c => c.GetAttribute("data-status"))
            .ShouldBe(BoardView.Columns.Select(s => s.ToString()));
        foreach (var status in BoardView.Columns)
        {
            var expected = tickets.Count(t => t.Status == status);
            cut.Find($"[data-testid=count-{status}]").TextContent.Trim().ShouldBe(expected.ToString(CultureInfo.InvariantCulture), $"count of {status}");
            CardsIn(cut, status).ShouldBe(tickets.Where(t => t.Status == status).Select(t => t.Number), ignoreOrder: true);
        }
        cut.Find("section[data-status=New] header").TextContent.ShouldContain("新建");
    }

    [Fact]
    public void CardsCarryTheirPriorityClass()
    {
        var tickets = Enum.GetValues<TicketPriority>().Select((p, i) => Row(i + 1, TicketStatus.New, priority: p)).ToArray();

        var cut = RenderBoard(tickets);

        Card(cut, tickets[0]).ClassList.ShouldContain("priority-low");
        Card(cut, tickets[1]).ClassList.ShouldContain("priority-normal");
        Card(cut, tickets[2]).ClassList.ShouldContain("priority-high");
        Card(cut, tickets[3]).ClassList.ShouldContain("priority-urgent");
    }

    [Fact]
    public async Task CardsCarryAnAgeBandFromHowLongTheTicketHasBeenOpen()
    {
        using var _ = UiCulture.Chinese();
        var fresh = Row(1, TicketStatus.New, age: TimeSpan.FromMinutes(10));
        var fourHours = Row(2, TicketStatus.Assigned, age: TimeSpan.FromHours(4));
        var afternoon = Row(3, TicketStatus.InProgress, age: TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        var oneDay = Row(4, TicketStatus.OnHold, age: TimeSpan.FromDays(1));
        var overADay = Row(5, TicketStatus.Reopened, age: TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var closedLongAgo = Row(6, TicketStatus.Closed, age: TimeSpan.FromDays(30));
        var resolved = Row(7, TicketStatus.Resolved, age: TimeSpan.FromDays(3));

        var cut = RenderBoard([fresh, fourHours, afternoon, oneDay, overADay, closedLongAgo, resolved]);
        await ExpandAsync(cut, TicketStatus.Closed);

        AgeBand(cut, fresh).ShouldBe("age-green");
        AgeBand(cut, fourHours).ShouldBe("age-green");
        AgeBand(cut, afternoon).ShouldBe("age-amber");
        AgeBand(cut, oneDay).ShouldBe("age-amber");
        AgeBand(cut, overADay).ShouldBe("age-red");
        AgeBand(cut, closedLongAgo).ShouldBe("age-done");
        AgeBand(cut, resolved).ShouldBe("age-done");
        Card(cut, fresh).QuerySelector(".card-age")!.TextContent.ShouldBe("10 分钟");
    }

    [Fact]
    public async Task DroppingACardOnAnotherColumnReportsTheTicketAndTheTargetStatus()
    {
        var ticket = Row(1, TicketStatus.New);
        var other = Row(2, TicketStatus.New);
        var drops = new List<(TicketRow Ticket, TicketStatus To)>();
        var cut = RenderBoard([ticket, other], drops.Add);

        await DragAsync(cut, ticket, TicketStatus.Assigned);

        drops.ShouldHaveSingleItem().ShouldBe((ticket, TicketStatus.Assigned));
    }

    [Fact]
    public async Task DroppingACardBackOnItsOwnColumnOrDroppingWithoutADragReportsNothing()
    {
        var ticket = Row(1, TicketStatus.New);
        var drops = new List<(TicketRow Ticket, TicketStatus To)>();
        var cut = RenderBoard([ticket], drops.Add);

        await DragAsync(cut, ticket, TicketStatus.New);
        await cut.Find("[data-testid=zone-Assigned]").DropAsync(new DragEventArgs());

        drops.ShouldBeEmpty();
    }

    [Fact]
    public async Task CardsArrivingDuringADragDoNotChangeWhichTicketIsDropped()
    {
        var dragged = Row(2, TicketStatus.New);
        var drops = new List<(TicketRow Ticket, TicketStatus To)>();
        var cut = RenderBoard([Row(1, TicketStatus.New), dragged, Row(3, TicketStatus.New)], drops.Add);

        await PickUpAsync(cut, dragged.Number);
        // A live update while the mouse is down: a newer ticket lands on top of the column, another one leaves it.
        cut.Render(p => p.Add(b => b.Tickets, [Row(9, TicketStatus.New), dragged, Row(1, TicketStatus.Assigned)]));
        await cut.Find("[data-testid=zone-Accepted]").DropAsync(new DragEventArgs());

        drops.ShouldHaveSingleItem().Ticket.Id.ShouldBe(dragged.Id);
        drops[0].To.ShouldBe(TicketStatus.Accepted);
    }

    [Fact]
    public async Task ClosedAndCancelledColumnsStartCollapsedShowingTheirCountAndExpandOnRequest()
    {
        using var _ = UiCulture.Chinese();
        var closed = Row(1, TicketStatus.Closed);
        var cancelled = Row(2, TicketStatus.Cancelled);
        var open = Row(3, TicketStatus.Reopened);
        var cut = RenderBoard([closed, cancelled, Row(4, TicketStatus.Closed), open]);

        foreach (var terminal in new[] { TicketStatus.Closed, TicketStatus.Cancelled })
        {
            Column(cut, terminal).ClassList.ShouldContain("board-column-collapsed");
            Toggle(cut, terminal).GetAttribute("aria-expanded").ShouldBe("false");
            CardsIn(cut, terminal).ShouldBeEmpty();
        }
        cut.Find("[data-testid=count-Closed]").TextContent.Trim().ShouldBe("2");
        Toggle(cut, TicketStatus.Closed).GetAttribute("aria-label").ShouldBe("展开「已关闭」列");
        Column(cut, TicketStatus.Reopened).ClassList.ShouldNotContain("board-column-collapsed");
        cut.FindAll("[data-testid=toggle-Reopened]").ShouldBeEmpty();

        await ExpandAsync(cut, TicketStatus.Closed);

        Column(cut, TicketStatus.Closed).ClassList.ShouldNotContain("board-column-collapsed");
        Toggle(cut, TicketStatus.Closed).GetAttribute("aria-expanded").ShouldBe("true");
        Toggle(cut, TicketStatus.Closed).GetAttribute("aria-label").ShouldBe("收起「已关闭」列");
        CardsIn(cut, TicketStatus.Closed).ShouldBe([closed.Number, Row(4, TicketStatus.Closed).Number], ignoreOrder: true);
        CardsIn(cut, TicketStatus.Cancelled).ShouldBeEmpty();

        await Toggle(cut, TicketStatus.Closed).ClickAsync(new MouseEventArgs());

        CardsIn(cut, TicketStatus.Closed).ShouldBeEmpty();
    }

    [Fact]
    public async Task ACardDroppedOnACollapsedColumnIsStillReported()
    {
        var resolved = Row(1, TicketStatus.Resolved);
        var drops = new List<(TicketRow Ticket, TicketStatus To)>();
        var cut = RenderBoard([resolved], drops.Add);

        await DragAsync(cut, resolved, TicketStatus.Closed);

        drops.ShouldHaveSingleItem().ShouldBe((resolved, TicketStatus.Closed));
    }

    [Fact]
    public void CompactModeRendersOneLinePerCardWithNumberTitleAndPriorityDot()
    {
        using var _ = UiCulture.Chinese();
        var urgent = Row(1, TicketStatus.New, priority: TicketPriority.Urgent);

        var cut = Render<BoardView>(p => p.Add(b => b.Tickets, [urgent]).Add(b => b.Now, Now).Add(b => b.Compact, true));

        var card = Card(cut, urgent);
        card.ClassList.ShouldContain("board-card-compact");
        card.ClassList.ShouldContain("priority-urgent");
        card.QuerySelector(".card-number")!.TextContent.ShouldBe(urgent.Number);
        card.QuerySelector(".card-title")!.TextContent.ShouldBe(urgent.Title);
        var dot = card.QuerySelector(".priority-dot.priority-urgent").ShouldNotBeNull();
        dot.GetAttribute("aria-label").ShouldBe("紧急");
        card.QuerySelectorAll(".card-meta, .card-age, .priority-tag").ShouldBeEmpty();
    }

    [Fact]
    public void FullModeIsTheDefaultAndShowsCustomerAssigneeAndAge()
    {
        var ticket = Row(1, TicketStatus.New);

        var cut = RenderBoard([ticket]);

        var card = Card(cut, ticket);
        card.ClassList.ShouldNotContain("board-card-compact");
        card.QuerySelectorAll(".card-meta").Length.ShouldBe(2);
        card.QuerySelector(".card-age").ShouldNotBeNull();
    }

    [Fact]
    public async Task ClosedAndCancelledCardsNeverCarryTheOverdueBadgeHoweverOld()
    {
        var closed = Row(1, TicketStatus.Closed, age: TimeSpan.FromDays(40));
        var cancelled = Row(2, TicketStatus.Cancelled, age: TimeSpan.FromDays(3));
        var overdue = Row(3, TicketStatus.Reopened, age: TimeSpan.FromDays(3));
        var cut = RenderBoard([closed, cancelled, overdue]);

        await ExpandAsync(cut, TicketStatus.Closed);
        await ExpandAsync(cut, TicketStatus.Cancelled);

        foreach (var finished in new[] { closed, cancelled })
        {
            Card(cut, finished).ClassList.ShouldNotContain("age-red");
            Card(cut, finished).ClassList.ShouldNotContain("age-amber");
            AgeBand(cut, finished).ShouldBe("age-done");
        }
        AgeBand(cut, overdue).ShouldBe("age-red");
    }

    [Fact]
    public async Task AReadOnlyBoardRendersCardsThatCannotBePickedUp()
    {
        var ticket = Row(1, TicketStatus.New);
        var drops = new List<(TicketRow Ticket, TicketStatus To)>();
        var cut = Render<BoardView>(p => p.Add(b => b.Tickets, [ticket]).Add(b => b.Now, Now)
            .Add(b => b.Ready, true).Add(b => b.ReadOnly, true).Add(b => b.OnDrop, drops.Add));

        var card = Card(cut, ticket);
        card.GetAttribute("draggable").ShouldBe("false");
        await Should.ThrowAsync<MissingEventHandlerException>(() => PickUpAsync(cut, ticket.Number));
        await cut.Find("[data-testid=zone-Assigned]").DropAsync(new DragEventArgs());
        drops.ShouldBeEmpty();
    }

    [Fact]
    public void AnEditableBoardRendersDraggableCards()
    {
        var ticket = Row(1, TicketStatus.New);

        var cut = RenderBoard([ticket]);

        Card(cut, ticket).GetAttribute("draggable").ShouldBe("true");
    }

    [Fact]
    public void TheColumnsScrollerTakesKeyboardFocusAndIsNamed()
    {
        using var _ = UiCulture.Chinese();
        var cut = RenderBoard([]);

        var scroller = cut.Find("[data-testid=board-scroller]");
        scroller.GetAttribute("tabindex").ShouldBe("0");
        scroller.GetAttribute("aria-label").ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task AColumnWithThreeHundredCardsRendersOnlyItsFirstScreenfulUntilAskedForMore()
    {
        using var _ = UiCulture.Chinese();
        var tickets = Enumerable.Range(1, 300).Select(n => Row(n, TicketStatus.New)).ToArray();
        var cut = RenderBoard(tickets);

        CardsIn(cut, TicketStatus.New).ShouldBe(tickets.Take(BoardView.CardsPerColumn).Select(t => t.Number));
        cut.Find("[data-testid=count-New]").TextContent.Trim().ShouldBe("300");
        var more = cut.Find("[data-testid=more-New]");
        more.TextContent.Trim().ShouldBe($"再显示 {BoardView.CardsPerColumn} 张（还有 {300 - BoardView.CardsPerColumn} 张）");

        await more.ClickAsync(new MouseEventArgs());

        CardsIn(cut, TicketStatus.New).ShouldBe(tickets.Take(2 * BoardView.CardsPerColumn).Select(t => t.Number));
        cut.FindAll("[data-testid=more-Assigned]").ShouldBeEmpty();
    }

    [Fact]
    public async Task TheLastPageOfAColumnShowsTheRestAndTheButtonGoes()
    {
        var tickets = Enumerable.Range(1, BoardView.CardsPerColumn + 3).Select(n => Row(n, TicketStatus.OnHold)).ToArray();
        var cut = RenderBoard(tickets);

        await cut.Find("[data-testid=more-OnHold]").ClickAsync(new MouseEventArgs());

        CardsIn(cut, TicketStatus.OnHold).Count().ShouldBe(tickets.Length);
        cut.FindAll("[data-testid=more-OnHold]").ShouldBeEmpty();
    }

    [Fact]
    public void CompactCardsAreShorterSoAColumnShowsMoreOfThem()
    {
        var tickets = Enumerable.Range(1, 100).Select(n => Row(n, TicketStatus.New)).ToArray();

        var cut = Render<BoardView>(p => p.Add(b => b.Tickets, tickets).Add(b => b.Now, Now).Add(b => b.Compact, true));

        CardsIn(cut, TicketStatus.New).Count().ShouldBe(BoardView.CompactCardsPerColumn);
    }

    [Fact]
    public async Task ACardArrivingOnTopOfAFullColumnIsShownAndTheOldestShownOneMovesBehindTheButton()
    {
        var tickets = Enumerable.Range(1, BoardView.CardsPerColumn).Select(n => Row(n, TicketStatus.Assigned)).ToList();
        var cut = RenderBoard(tickets);
        cut.FindAll("[data-testid=more-Assigned]").ShouldBeEmpty();

        var arriving = Row(99, TicketStatus.Assigned);
        cut.Render(p => p.Add(b => b.Tickets, [arriving, .. tickets]));

        CardsIn(cut, TicketStatus.Assigned).First().ShouldBe(arriving.Number);
        CardsIn(cut, TicketStatus.Assigned).ShouldNotContain(tickets[^1].Number);
        await cut.Find("[data-testid=more-Assigned]").ClickAsync(new MouseEventArgs());
        CardsIn(cut, TicketStatus.Assigned).ShouldContain(tickets[^1].Number);
    }

    [Fact]
    public async Task ACardFromFurtherDownAColumnCanStillBeDraggedOnceShown()
    {
        var tickets = Enumerable.Range(1, BoardView.CardsPerColumn + 1).Select(n => Row(n, TicketStatus.New)).ToArray();
        var drops = new List<(TicketRow Ticket, TicketStatus To)>();
        var cut = RenderBoard(tickets, drops.Add);
        await cut.Find("[data-testid=more-New]").ClickAsync(new MouseEventArgs());

        await DragAsync(cut, tickets[^1], TicketStatus.Assigned);

        drops.ShouldHaveSingleItem().ShouldBe((tickets[^1], TicketStatus.Assigned));
    }

    [Fact]
    public async Task EndingADragAnywhereClearsTheDropHighlight()
    {
        var ticket = Row(1, TicketStatus.New);
        var cut = RenderBoard([ticket]);
        await PickUpAsync(cut, ticket.Number);
        await cut.Find("[data-testid=zone-Assigned]").DragEnterAsync(new DragEventArgs());
        cut.Find("[data-testid=zone-Assigned]").ClassList.ShouldContain("board-zone-over");

        await cut.Find("[data-testid=board-scroller]").DragEndAsync(new DragEventArgs());

        cut.Find("[data-testid=zone-Assigned]").ClassList.ShouldNotContain("board-zone-over");
    }

    private IRenderedComponent<BoardView> RenderBoard(IReadOnlyList<TicketRow> tickets, Action<(TicketRow Ticket, TicketStatus To)>? onDrop = null) =>
        Render<BoardView>(p =>
        {
            p.Add(b => b.Tickets, tickets).Add(b => b.Now, Now).Add(b => b.Ready, true);
            if (onDrop is not null) p.Add(b => b.OnDrop, onDrop);
        });

    private static async Task DragAsync(IRenderedComponent<BoardView> cut, TicketRow ticket, TicketStatus to)
    {
        await PickUpAsync(cut, ticket.Number);
        await cut.Find($"[data-testid=zone-{to}]").DropAsync(new DragEventArgs());
    }

    /// <summary>What the browser reports when a card is picked up (Scrm.App.lib.module.js): its number, on the board's scroller.</summary>
    internal static Task PickUpAsync<T>(IRenderedComponent<T> cut, string number) where T : IComponent =>
        cut.Find("[data-testid=board-scroller]").TriggerEventAsync("oncardpickup", new CardPickupEventArgs { Number = number });

    private static IElement Column(IRenderedComponent<BoardView> cut, TicketStatus status) =>
        cut.Find($"section.board-column[data-status={status}]");

    private static IElement Toggle(IRenderedComponent<BoardView> cut, TicketStatus status) =>
        cut.Find($"[data-testid=toggle-{status}]");

    private static async Task ExpandAsync(IRenderedComponent<BoardView> cut, TicketStatus status)
    {
        if (Toggle(cut, status).GetAttribute("aria-expanded") == "false")
            await Toggle(cut, status).ClickAsync(new MouseEventArgs());
    }

    private static IElement Card(IRenderedComponent<BoardView> cut, TicketRow ticket) =>
        cut.Find($"article.board-card[data-number='{ticket.Number}']");

    private static IEnumerable<string?> CardsIn(IRenderedComponent<BoardView> cut, TicketStatus status) =>
        cut.FindAll($"[data-testid=zone-{status}] article.board-card").Select(a => a.GetAttribute("data-number")).ToList();

    private static string AgeBand(IRenderedComponent<BoardView> cut, TicketRow ticket) =>
        Card(cut, ticket).ClassList.Single(c => c.StartsWith("age-", StringComparison.Ordinal));

    private static TicketRow Row(int n, TicketStatus status, TicketPriority priority = TicketPriority.Normal, TimeSpan? age = null) =>
        new(n, $"GD-20261124-{n:D4}", $"工单 {n}", TicketType.Repair, priority, status, "全家便利店", "上海", "华东",
            null, null, Now - (age ?? TimeSpan.FromMinutes(30)), Now, 1);
}

/// <summary>
/// Where a card ends up after a drop is the parent's decision: the real board page, its mover and the ticket
/// service on the shared test host. Rendered as not interactive, so that no live update can move a card: only
/// what the page does with the drop's own result can.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BoardViewUnderTheBoardPage : AppComponentContext
{
    public BoardViewUnderTheBoardPage(TestApp app) : base(app)
    {
        SignIn("华东调度 看板", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
    }

    [Fact]
    public async Task CardStaysInItsColumnWhenTheParentRefusesTheMove()
    {
        using var _ = UiCulture.Chinese();
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "杭州");
        var cut = RenderPage<BoardPage>();
        cut.WaitForAssertion(() => CardsIn(cut, TicketStatus.New).ShouldContain(ticket.Row.Number));

        await DragAsync(cut, ticket.Row.Number, TicketStatus.Closed);

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("工单不能从「新建」变为「已关闭」"));
        CardsIn(cut, TicketStatus.New).ShouldContain(ticket.Row.Number);
        CardsIn(cut, TicketStatus.Closed).ShouldNotContain(ticket.Row.Number);
        (await App.LoadTicketAsync(ticket.Row.Id)).Status.ShouldBe(TicketStatus.New);
    }

    [Fact]
    public async Task CardFollowsTheTicketWhenTheParentAcceptsTheMove()
    {
        using var _ = UiCulture.Chinese();
        var ticket = await AcceptedTicketAsync("杭州");
        var cut = RenderPage<BoardPage>();
        cut.WaitForAssertion(() => CardsIn(cut, TicketStatus.Accepted).ShouldContain(ticket.Row.Number));
        var enRouteBefore = Count(cut, TicketStatus.EnRoute);

        await DragAsync(cut, ticket.Row.Number, TicketStatus.EnRoute);

        cut.WaitForAssertion(() => CardsIn(cut, TicketStatus.EnRoute).ShouldContain(ticket.Row.Number));
        CardsIn(cut, TicketStatus.Accepted).ShouldNotContain(ticket.Row.Number);
        Count(cut, TicketStatus.EnRoute).ShouldBe(enRouteBefore + 1);
        var stored = await App.LoadTicketAsync(ticket.Row.Id);
        stored.Status.ShouldBe(TicketStatus.EnRoute);
        cut.Find($"article.board-card[data-number='{ticket.Row.Number}']").GetAttribute("data-version")
            .ShouldBe(stored.Version.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<TicketDetail> AcceptedTicketAsync(string city)
    {
        var ticket = await App.CreateTicketAsync(TestApp.Admin, city);
        var technician = (await App.TechnicianIdsAsync(ticket.Row.Region))[0];
        await App.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, technician, null);
        return await App.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.Accepted, null);
    }

    private static async Task DragAsync(IRenderedComponent<ContainerFragment> cut, string number, TicketStatus to)
    {
        await BoardViewRendering.PickUpAsync(cut, number);
        await cut.Find($"[data-testid=zone-{to}]").DropAsync(new DragEventArgs());
    }

    private static IReadOnlyList<string?> CardsIn(IRenderedComponent<ContainerFragment> cut, TicketStatus status) =>
        cut.FindAll($"[data-testid=zone-{status}] article.board-card").Select(a => a.GetAttribute("data-number")).ToList();

    private static int Count(IRenderedComponent<ContainerFragment> cut, TicketStatus status) =>
        int.Parse(cut.Find($"[data-testid=count-{status}]").TextContent.Trim(), CultureInfo.InvariantCulture);
}
