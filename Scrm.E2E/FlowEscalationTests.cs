using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Features.Timers;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>
/// The whole way of a flow: an Admin draws it (a 30-minute "accept" task for inspections), publishes it, a new
/// inspection follows it, and when 30 minutes pass unaccepted the escalation appears on the open ticket page by itself.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FlowEscalationTests(BrowserFixture app)
{
    [Fact]
    public async Task AFlowDrawnAndPublishedInTheDesignerEscalatesAnUnacceptedTicketWhenItsTimeLimitPasses()
    {
        var key = $"e2e-inspect-{Guid.NewGuid():N}"[..20];
        var admin = await app.SignedInPageAsync("admin@demo.scrm", "/designer/flows");
        await admin.SetViewportSizeAsync(1600, 1000);
        var designer = new FlowDesignerPage(admin);
        await designer.CreateFlowAsync(key, "端到端 巡检接单", ticketType: "巡检");
        await Expect(designer.Node("end")).ToBeVisibleAsync();

        await designer.PaletteItem("Task").DragToAsync(designer.Canvas, new() { TargetPosition = new() { X = 240, Y = 320 } });
        await designer.Node("task-1").ClickAsync();
        await designer.ChooseAsync("node-wait-for", "已接单");
        await designer.SetNumberAsync("node-time-limit", 30);
        await designer.ConnectAsync("start", "task-1");
        await designer.ConnectAsync("task-1", "end");
        await Expect(designer.NoProblems).ToBeVisibleAsync();
        await designer.Save.ClickAsync();
        await designer.Publish.ClickAsync();
        await Expect(designer.HistoryStatus(1)).ToHaveTextAsync("已发布");

        var ticket = await app.Server.NewTicketAsync("上海", "E2E 冷柜季度巡检", type: Scrm.Domain.Tickets.TicketType.Inspection);
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", $"/tickets/{ticket.Row.Number}");
        await Expect(page.Locator("[data-testid=flow-version]")).ToContainTextAsync("端到端 巡检接单");
        await Expect(page.Locator("[data-testid=flow-step-current]")).ToContainTextAsync("任务");
        var escalation = page.Locator("[data-testid=timeline]", new() { HasTextString = "流程时限已到" });
        await Expect(escalation).ToHaveCountAsync(0);

        // Half an hour later nobody has accepted it: the durable timer falls due and the page shows the escalation live.
        using (app.Server.Clock.Advance(TimeSpan.FromMinutes(31)))
        {
            // One pass fires at most a batch, and the shared server holds other tests' timers that fall due in the same
            // half hour: fire passes until nothing due is left, as the worker's own loop would.
            var worker = app.Server.Services.GetRequiredService<TimerWorker>();
            for (var pass = 0; pass < 50 && await worker.FireDueAsync() > 0; pass++)
            {
            }
            await Expect(escalation).ToHaveCountAsync(1);
        }
        await page.ScreenshotAsync(new() { Path = "/tmp/flow-escalation.png", FullPage = true });
    }
}
