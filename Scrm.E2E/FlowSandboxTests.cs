using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.App.Features.Flows;
using Scrm.App.Features.Flows.Bottlenecks;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class FlowSandboxTests(BrowserFixture app)
{
    [Fact]
    public async Task AnAdminRunsTheRepairFlowInTheSandboxAndSeesItsBottlenecks()
    {
        await PublishRepairWithHistoryAsync();
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/designer/flows");
        await page.SetViewportSizeAsync(2300, 1100);
        var designer = new Scrm.E2E.Pages.FlowDesignerPage(page);
        await page.Locator("[data-testid=flow-row-equipment-repair]").ClickAsync();
        await Expect(designer.Node("confirm")).ToBeVisibleAsync();

        await page.Locator("[data-testid=bottleneck-toggle]").ClickAsync();
        await Expect(designer.Node("confirm").Locator("[data-testid=flow-node-load-times]")).ToContainTextAsync("P90");
        await page.ScreenshotAsync(new() { Path = "/tmp/flow-bottlenecks.png", FullPage = true });
        await page.Locator("[data-testid=bottleneck-toggle]").ClickAsync();

        await page.Locator("[data-testid=sandbox-toggle]").ClickAsync();
        await page.Locator("[data-testid=sandbox-start]").ClickAsync();
        await Expect(designer.Node("dispatch")).ToHaveAttributeAsync("data-sandbox", "active");
        await page.Locator("[data-testid=sandbox-offer-StatusReached-dispatch]").ClickAsync();
        await page.Locator("[data-testid=sandbox-offer-StatusReached-accept]").ClickAsync();
        await Expect(designer.Node("onsite")).ToHaveAttributeAsync("data-sandbox", "active");
        await Expect(designer.Node("accept")).ToHaveAttributeAsync("data-sandbox", "visited");
        await Expect(page.Locator("[data-testid=sandbox-log]")).ToContainTextAsync("取消定时");
        await page.ScreenshotAsync(new() { Path = "/tmp/flow-sandbox.png", FullPage = true });
    }

    /// <summary>The sample repair flow published as v1, with the demo's node visits on it (what the lead's seeder will do).</summary>
    private async Task PublishRepairWithHistoryAsync()
    {
        var flows = app.Server.Services.GetRequiredService<FlowTemplates>();
        var admin = new AccessScope(new Scrm.Domain.Common.Actor("e2e-admin", "端到端管理员"), new HashSet<string> { AppRoles.Admin }, true, [], null);
        var repair = SampleFlows.Repair();
        if ((await flows.ListAsync(admin)).All(f => f.Key != repair.Key))
        {
            await flows.CreateAsync(admin, repair.Key, repair.Name, null, TicketType.Repair, null);
            await flows.SaveDraftAsync(admin, repair.Key, repair);
            await flows.PublishAsync(admin, repair.Key);
        }
        var factory = app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        await DemoFlowHistory.SeedAsync(factory, app.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
