using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The ticket's SLA panel on the shared host: clocks as of now, states, red once breached.</summary>
[Collection(AppCollection.Name)]
public sealed class SlaPanelTests : AppComponentContext
{
    public SlaPanelTests(TestApp app) : base(app)
    {
        SignIn("华东调度 SLA", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static readonly AccessScope East = TestApp.Dispatcher(Regions.East);

    private async Task<TicketDetail> UrgentTicketAsync()
    {
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海", TestApp.Marker("SLA 面板"), priority: nameof(TicketPriority.Urgent));
        for (var i = 0; i < 300; i++)
        {
            await using var db = await App.DbAsync();
            if (await db.Set<TicketSla>().AnyAsync(s => s.TicketId == ticket.Row.Id)) return ticket;
            await Task.Delay(100);
        }
        throw new TimeoutException("the SLA tracker did not give the ticket its clocks");
    }

    [Fact]
    public async Task ANewUrgentTicketShowsItsThreeClocksRunning()
    {
        using var _ = UiCulture.Chinese();
        var ticket = await UrgentTicketAsync();

        var cut = Render<SlaPanel>(p => p.Add(x => x.Ticket, ticket).Add(x => x.Scope, East));

        cut.WaitForAssertion(() => cut.Find("[data-testid=sla-policy]").TextContent.ShouldContain("紧急"));
        cut.FindAll(".sla-row").Count.ShouldBe(3);
        cut.Find("[data-testid=sla-clock-FirstResponse]").TextContent.ShouldContain("首次响应");
        cut.Find("[data-testid=sla-clock-FirstResponse] [data-testid=sla-state]").TextContent.ShouldBe("计时中");
        cut.Find("[data-testid=sla-clock-FirstResponse] [data-testid=sla-when]").TextContent.ShouldContain("到期");
        cut.FindAll("[data-testid=sla-escalations]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ABreachedClockIsRedAndSaysWhenItBreached()
    {
        using var _ = UiCulture.Chinese();
        var ticket = await UrgentTicketAsync();
        await using (var db = await App.DbAsync())
            // Opened an hour ago: past its 30-minute first response (SQLite keeps instants as UTC ticks).
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Tickets SET CreatedAt = CreatedAt - {TimeSpan.FromHours(1).Ticks} WHERE Id = {ticket.Row.Id}");

        var cut = Render<SlaPanel>(p => p.Add(x => x.Ticket, ticket).Add(x => x.Scope, East));

        cut.WaitForAssertion(() => cut.Find("[data-testid=sla-clock-FirstResponse]").ClassList.ShouldContain("sla-breached"));
        cut.Find("[data-testid=sla-clock-FirstResponse] [data-testid=sla-state]").TextContent.ShouldBe("已超时");
        cut.Find("[data-testid=sla-clock-FirstResponse] [data-testid=sla-when]").TextContent.ShouldContain("超时");
        cut.Find("[data-testid=sla-bar-FirstResponse]").ClassList.ShouldContain("mud-progress-linear-color-error");
        cut.Find("[data-testid=sla-clock-Resolution]").ClassList.ShouldContain("sla-ok");
    }

    [Fact]
    public async Task AnotherRegionsTicketShowsNoPanel()
    {
        var ticket = await UrgentTicketAsync();

        var cut = Render<SlaPanel>(p => p.Add(x => x.Ticket, ticket).Add(x => x.Scope, TestApp.Dispatcher(Regions.South)));

        cut.FindAll("[data-testid=sla-panel]").ShouldBeEmpty();
    }
}
