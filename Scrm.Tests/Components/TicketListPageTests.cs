using System.Globalization;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The ticket list reads its view from the address and writes it back, against the shared test host.</summary>
[Collection(AppCollection.Name)]
public sealed class TicketListPageAddress : AppComponentContext
{
    public TicketListPageAddress(TestApp app) : base(app)
    {
        SignIn("华东调度 列表", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task TheAddressChoosesTheSearchFiltersSortAndPage()
    {
        var marker = TestApp.Marker("列表");
        var urgent = await UrgentTicketsAsync(marker, 27);
        await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 普通", priority: nameof(TicketPriority.Normal));
        var cancelled = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 取消", priority: nameof(TicketPriority.Urgent));
        await App.Tickets.TransitionAsync(TestApp.Admin, cancelled.Row.Id, TicketStatus.Cancelled, "客户取消");
        Nav.NavigateTo($"/tickets?q={marker}&status=New&priority=Urgent&sort=Number&dir=asc&page=2");

        var cut = RenderPage<TicketListPage>();

        // 27 urgent new ones by number, 25 a page: the second page holds the last two.
        cut.WaitForAssertion(() => Numbers(cut).ShouldBe(urgent.Skip(25).Select(t => t.Row.Number)));
        cut.Find("[data-testid=ticket-search]").GetAttribute("value").ShouldBe(marker);
        AddressQuery().ShouldBe(
            [$"q={Uri.EscapeDataString(marker)}", "status=New", "priority=Urgent", "sort=Number", "dir=asc", "page=2"], ignoreOrder: true);
    }

    [Fact]
    public async Task ValuesThatAreNotNamesAreIgnoredAndDroppedFromTheAddress()
    {
        var marker = TestApp.Marker("列表");
        var normal = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 普通", priority: nameof(TicketPriority.Normal));
        var high = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 高", priority: nameof(TicketPriority.High));
        // "1" is a status number, "Normal,High" a flags list that Enum.TryParse would read as Urgent.
        Nav.NavigateTo($"/tickets?q={marker}&status=1&priority=Normal,High&region=火星&sort=UpdatedAt&dir=up&page=-1&size=7");

        var cut = RenderPage<TicketListPage>();

        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([high.Row.Number, normal.Row.Number]));
        cut.WaitForAssertion(() => AddressQuery().ShouldBe([$"q={Uri.EscapeDataString(marker)}"]));
    }

    [Fact]
    public async Task AChangedFilterStartsAgainAtTheFirstPageAndIsWrittenToTheAddress()
    {
        using var _ = UiCulture.Chinese();
        var marker = TestApp.Marker("列表");
        var tickets = await UrgentTicketsAsync(marker, 27);
        Nav.NavigateTo($"/tickets?q={marker}&sort=Number&dir=asc&page=2");
        var cut = RenderPage<TicketListPage>();
        cut.WaitForAssertion(() => Numbers(cut).Count.ShouldBe(2));

        // All of them are urgent: the same 27 tickets, so only the page can change.
        await ChooseAsync(cut, "ticket-priority-filter", "紧急");

        cut.WaitForAssertion(() => Numbers(cut).ShouldBe(tickets.Take(25).Select(t => t.Row.Number)));
        AddressQuery().ShouldBe([$"q={Uri.EscapeDataString(marker)}", "priority=Urgent", "sort=Number", "dir=asc"], ignoreOrder: true);
    }

    [Fact]
    public async Task FinishedTicketsAreHiddenUntilTheSwitchAndTheSwitchIsWrittenToTheAddress()
    {
        var marker = TestApp.Marker("列表");
        var open = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 开着");
        var cancelled = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 取消");
        await App.Tickets.TransitionAsync(TestApp.Admin, cancelled.Row.Id, TicketStatus.Cancelled, "客户取消");
        Nav.NavigateTo($"/tickets?q={marker}");
        var cut = RenderPage<TicketListPage>();
        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([open.Row.Number]));

        await cut.Find("input[data-testid=include-finished]").ChangeAsync(new() { Value = true });

        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([cancelled.Row.Number, open.Row.Number]));
        AddressQuery().ShouldBe([$"q={Uri.EscapeDataString(marker)}", "all=1"], ignoreOrder: true);
    }

    [Fact]
    public async Task TheAllSwitchInTheAddressShowsFinishedTickets()
    {
        var marker = TestApp.Marker("列表");
        var open = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 开着");
        var cancelled = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 取消");
        await App.Tickets.TransitionAsync(TestApp.Admin, cancelled.Row.Id, TicketStatus.Cancelled, "客户取消");
        Nav.NavigateTo($"/tickets?q={marker}&all=1");

        var cut = RenderPage<TicketListPage>();

        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([cancelled.Row.Number, open.Row.Number]));
        cut.Find("input[data-testid=include-finished]").IsChecked().ShouldBeTrue();
    }

    [Fact]
    public async Task UnassignedShowsOpenTicketsWithoutATechnicianAndRoundTripsThroughTheAddress()
    {
        var marker = TestApp.Marker("列表");
        var waiting = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 待派");
        var assigned = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 已派");
        var cancelled = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 取消");
        await App.Tickets.AssignAsync(TestApp.Admin, assigned.Row.Id, (await App.TechnicianIdsAsync(Regions.East))[0], null);
        await App.Tickets.TransitionAsync(TestApp.Admin, cancelled.Row.Id, TicketStatus.Cancelled, "客户取消");
        Nav.NavigateTo($"/tickets?q={marker}&quick=unassigned&all=1");
        var cut = RenderPage<TicketListPage>();

        // Unassigned means work to hand out: a cancelled ticket nobody took is not, even with finished ones shown.
        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([waiting.Row.Number]));
        cut.Find("[data-testid=quick-unassigned]").GetAttribute("aria-pressed").ShouldBe("true");
        cut.FindAll("[data-testid=quick-mine]").ShouldBeEmpty("an office user has no tickets of their own");

        await cut.Find("[data-testid=quick-unassigned]").ClickAsync(new());

        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([cancelled.Row.Number, assigned.Row.Number, waiting.Row.Number]));
        AddressQuery().ShouldBe([$"q={Uri.EscapeDataString(marker)}", "all=1"], ignoreOrder: true);

        await cut.Find("[data-testid=quick-unassigned]").ClickAsync(new());

        cut.WaitForAssertion(() => AddressQuery().ShouldBe([$"q={Uri.EscapeDataString(marker)}", "quick=unassigned", "all=1"], ignoreOrder: true));
        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([waiting.Row.Number]));
    }

    [Fact]
    public async Task OverdueListsWorkInHandOlderThanADayAndRoundTripsThroughTheAddress()
    {
        var marker = TestApp.Marker("超时");
        var fresh = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 刚建");
        var cancelled = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 取消");
        await App.Tickets.TransitionAsync(TestApp.Admin, cancelled.Row.Id, TicketStatus.Cancelled, "客户取消");

        // As the page asks a day later: the open ticket is overdue by then, the cancelled one never is.
        var later = await App.Queries.ListAsync(TestApp.Admin, new TicketFilter
        {
            Text = marker, OpenOnly = false, OverdueBefore = DateTimeOffset.UtcNow.AddMinutes(1),
        });
        later.Items.Select(t => t.Number).ShouldBe([fresh.Row.Number]);

        Nav.NavigateTo($"/tickets?q={marker}&overdue=1");
        var cut = RenderPage<TicketListPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=quick-overdue]").GetAttribute("aria-pressed").ShouldBe("true"));
        cut.WaitForAssertion(() => Numbers(cut).ShouldBeEmpty("a ticket opened a moment ago is not overdue yet"));
        await cut.Find("[data-testid=quick-overdue]").ClickAsync(new());
        cut.WaitForAssertion(() => Numbers(cut).ShouldBe([fresh.Row.Number]));
        AddressQuery().ShouldBe([$"q={Uri.EscapeDataString(marker)}"]);
    }

    /// <summary>Urgent tickets titled "{marker} 0", "{marker} 1"…, in the order they were opened (and so numbered).</summary>
    private async Task<IReadOnlyList<TicketDetail>> UrgentTicketsAsync(string marker, int count)
    {
        var tickets = new List<TicketDetail>();
        for (var i = 0; i < count; i++)
            tickets.Add(await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} {i}", priority: nameof(TicketPriority.Urgent)));
        return tickets;
    }

    private static async Task ChooseAsync(IRenderedComponent<ContainerFragment> cut, string testId, string option)
    {
        await cut.Find($"[data-testid={testId}]").Closest(".mud-input-control").ShouldNotBeNull().MouseDownAsync(new());
        cut.WaitForAssertion(() => cut.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty());
        await cut.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == option).ClickAsync(new());
    }

    /// <summary>The address's query as escaped name=value pairs.</summary>
    private IReadOnlyList<string> AddressQuery() =>
        new Uri(Nav.Uri).Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);

    private static IReadOnlyList<string> Numbers(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll("tr.ticket-row a.ticket-link").Select(a => a.TextContent.Trim()).ToList();
}

/// <summary>A technician's list: "mine" is there, "unassigned" is not (they cannot see unassigned tickets anyway).</summary>
[Collection(AppCollection.Name)]
public sealed class TicketListPageForATechnician : AppComponentContext
{
    private readonly long _me;

    public TicketListPageForATechnician(TestApp app) : base(app)
    {
        _me = app.TechnicianIdsAsync(Regions.East).GetAwaiter().GetResult()[0];
        var auth = AddAuthorization();
        auth.SetAuthorized("华东技师 列表");
        auth.SetRoles(AppRoles.Technician);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "bunit-technician-list"),
            new Claim(AccessScope.RegionClaim, Regions.East),
            new Claim(AccessScope.TechnicianClaim, _me.ToString(CultureInfo.InvariantCulture)),
            new Claim(AccessScope.DisplayNameClaim, "华东技师 列表"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task MineShowsTheTicketsAssignedToTheTechnicianAndStaysInTheAddress()
    {
        var marker = TestApp.Marker("技师列表");
        var mine = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 我的");
        await App.Tickets.AssignAsync(TestApp.Admin, mine.Row.Id, _me, null);
        Nav.NavigateTo($"/tickets?q={marker}&quick=mine");

        var cut = RenderPage<TicketListPage>();

        cut.WaitForAssertion(() => cut.FindAll("tr.ticket-row a.ticket-link").Select(a => a.TextContent.Trim()).ShouldBe([mine.Row.Number]));
        cut.Find("[data-testid=quick-mine]").GetAttribute("aria-pressed").ShouldBe("true");
        cut.FindAll("[data-testid=quick-unassigned]").ShouldBeEmpty();
        new Uri(Nav.Uri).Query.ShouldContain("quick=mine");
    }
}

/// <summary>
/// The list re-reads on change notices coalesced. Each grid reload cancels the one before it, so one re-read per notice,
/// under a stream of notices (a start-up catch-up, an SLA sweep), kept cancelling its own loads and never showed the rows.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TicketListPageOnChangeNotices : AppComponentContext
{
    public TicketListPageOnChangeNotices(TestApp app) : base(app)
    {
        SignIn("华东调度 通知", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task UnderAStreamOfNoticesTheListShowsItsRowsAndEndsOnTheNewestState()
    {
        var marker = TestApp.Marker("通知");
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海", $"{marker} 突发");
        var notifier = App.Get<Scrm.App.Realtime.ChangeNotifier>();
        using var stop = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                notifier.Publish(Notice(ticket.Row));
                await Task.Delay(1);
            }
        });
        try
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo($"/tickets?q={marker}");
            var cut = RenderPage<TicketListPage>();

            cut.WaitForAssertion(() => cut.FindAll("tr.ticket-row").Count.ShouldBe(1), TimeSpan.FromSeconds(20));
            // Cancelled while the notices go on: it leaves the list of open tickets.
            await App.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.Cancelled, "客户取消", ticket.Row.Version);
            cut.WaitForAssertion(() => cut.FindAll("tr.ticket-row").ShouldBeEmpty(), TimeSpan.FromSeconds(20));
        }
        finally
        {
            await stop.CancelAsync();
            await stream;
        }
    }

    private static Scrm.App.Realtime.TicketChanged Notice(TicketRow row) =>
        new(row.Id, row.Number, Regions.East, null, TicketStatus.New, row.Version, DateTimeOffset.UtcNow);
}
