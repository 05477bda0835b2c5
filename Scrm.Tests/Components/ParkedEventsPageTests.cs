using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Admin;
using Scrm.App.Features.Dashboards;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>
/// The parked-events page against the real services of the shared test host. A parked event is arranged the way the
/// dispatcher leaves one: a ParkedEvent row naming a real handler and a real outbox message (written by the ticket service).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ParkedEventsPageRetry : AppComponentContext
{
    // 01:30 UTC is 09:30 in the business time zone (Asia/Shanghai, the test host's default).
    private static readonly DateTimeOffset ParkedAt = new(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);

    public ParkedEventsPageRetry(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<ParkedEvents>());
    }

    [Fact]
    public async Task AnAdminSeesTheParkedEventWithItsErrorAndARetryResolvesIt()
    {
        using var _ = UiCulture.Chinese();
        var marker = TestApp.Marker("看板库不可用");
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "杭州");
        var parked = await ParkAsync(ticket.Row.Id, nameof(TicketCreated), $"InvalidOperationException: {marker}");

        var cut = RenderAs("管理员 事件", AppRoles.Admin, AccessScope.AllRegionsValue);

        cut.WaitForAssertion(() => Row(cut, parked.OutboxId).ShouldNotBeNull());
        var row = Row(cut, parked.OutboxId)!;
        Cell(row, "parked-handler").ShouldBe(nameof(TicketDayCounter));
        Cell(row, "parked-type").ShouldBe(nameof(TicketCreated));
        Cell(row, "parked-attempts").ShouldBe("5");
        Cell(row, "parked-error").ShouldBe($"InvalidOperationException: {marker}");
        Cell(row, "parked-at").ShouldBe("2026-11-27 09:30");
        Cell(row, "parked-state").ShouldBe("已搁置");
        row.QuerySelector("[data-testid=parked-retry]")!.GetAttribute("aria-label")
            .ShouldBe($"重试 TicketDayCounter 的事件 #{parked.OutboxId}");

        await row.QuerySelector("[data-testid=parked-retry]")!.ClickAsync(new());

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("重试成功，事件已解决"));
        cut.WaitForAssertion(() => Row(cut, parked.OutboxId).ShouldBeNull("a resolved event leaves the default view"));
        (await StoredAsync(parked.Id)).State.ShouldBe(ParkedEventState.Resolved);

        await cut.Find("input[data-testid=show-resolved]").ChangeAsync(new() { Value = true });

        cut.WaitForAssertion(() => Row(cut, parked.OutboxId).ShouldNotBeNull());
        var resolved = Row(cut, parked.OutboxId)!;
        Cell(resolved, "parked-state").ShouldBe("已解决");
        Cell(resolved, "parked-attempts").ShouldBe("6");
        resolved.QuerySelector("[data-testid=parked-retry]").ShouldBeNull("a resolved event has nothing to retry");
    }

    [Fact]
    public async Task ARetryThatStillFailsKeepsTheRowAndShowsTheNewError()
    {
        using var _ = UiCulture.Chinese();
        // The day counter does not take comments (say, a deploy dropped the subscription): every retry fails.
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "宁波");
        await App.Tickets.CommentAsync(TestApp.Admin, ticket.Row.Id, "门店已确认上门时间");
        var parked = await ParkAsync(ticket.Row.Id, nameof(TicketCommented), "TimeoutException: 旧的错误");
        var cut = RenderAs("管理员 事件", AppRoles.Admin, AccessScope.AllRegionsValue);
        cut.WaitForAssertion(() => Row(cut, parked.OutboxId).ShouldNotBeNull());

        await Row(cut, parked.OutboxId)!.QuerySelector("[data-testid=parked-retry]")!.ClickAsync(new());

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("重试仍然失败，新的错误已显示在该行"));
        cut.WaitForAssertion(() => Cell(Row(cut, parked.OutboxId).ShouldNotBeNull(), "parked-error").ShouldStartWith("KeyNotFoundException:"));
        var row = Row(cut, parked.OutboxId)!;
        Cell(row, "parked-attempts").ShouldBe("6");
        Cell(row, "parked-state").ShouldBe("已搁置");
        Cell(row, "parked-last-tried").ShouldNotBe("2026-11-27 09:30", "the failed retry is the last try now");
        row.QuerySelector("[data-testid=parked-retry]").ShouldNotBeNull("it can be tried again");
        (await StoredAsync(parked.Id)).State.ShouldBe(ParkedEventState.Parked);
    }

    [Fact]
    public async Task ADispatcherGetsTheAccessMessageAndNoRows()
    {
        using var _ = UiCulture.Chinese();
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海");
        await ParkAsync(ticket.Row.Id, nameof(TicketCreated), "InvalidOperationException: 调度看不到");

        var cut = RenderAs("华东调度 事件", AppRoles.Dispatcher, Regions.East);

        cut.WaitForAssertion(() => cut.Find("[data-testid=parked-refused]").TextContent.Trim().ShouldBe("只有管理员可以查看或重试搁置的事件"));
        cut.FindAll("tr.parked-row").ShouldBeEmpty();
        cut.FindAll("[data-testid=parked-retry]").ShouldBeEmpty();
        cut.FindAll("[data-testid=parked-empty]").ShouldBeEmpty("“nothing parked” would be a lie");
    }

    /// <summary>Signs in first: bUnit takes no more services once the renderer exists.</summary>
    private IRenderedComponent<ContainerFragment> RenderAs(string name, string role, string region)
    {
        SignIn(name, role, region);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return RenderPage<ParkedEventsPage>();
    }

    /// <summary>Parks the ticket's <paramref name="eventType"/> outbox message for the day counter, as the dispatcher would after five tries.</summary>
    private async Task<ParkedEvent> ParkAsync(long ticketId, string eventType, string error)
    {
        await using var db = await App.DbAsync();
        var message = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.AggregateId == ticketId && m.Type == eventType).OrderBy(m => m.Id).FirstAsync();
        var parked = new ParkedEvent
        {
            Handler = nameof(TicketDayCounter), OutboxId = message.Id, EventId = message.EventId, Type = message.Type,
            Attempts = 5, Error = error, ParkedAt = ParkedAt, LastTriedAt = ParkedAt, State = ParkedEventState.Parked,
        };
        db.ParkedEvents.Add(parked);
        await db.SaveChangesAsync();
        return parked;
    }

    private async Task<ParkedEvent> StoredAsync(long id)
    {
        await using var db = await App.DbAsync();
        return await db.ParkedEvents.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private static IElement? Row(IRenderedComponent<ContainerFragment> cut, long outboxId) =>
        cut.FindAll("tr.parked-row").SingleOrDefault(r =>
            Cell(r, "parked-outbox-id") == outboxId.ToString(CultureInfo.InvariantCulture));

    private static string Cell(IElement row, string testId) =>
        row.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? "";
}
