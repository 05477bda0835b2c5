using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Scrm.E2E.Infrastructure.PageLayout;

namespace Scrm.E2E;

/// <summary>/catalog on a 390×844 phone: the five tabs stay in view, so a tap on 补货任务 leaves it visibly chosen.</summary>
[Collection(AppCollection.Name)]
public sealed class CatalogOnAPhone(BrowserFixture app)
{
    [Fact]
    public async Task TheReplenishmentTabStaysInViewWithItsTasksBelowIt()
    {
        // An Admin sees all five tabs (with CSV 导入), the most the bar has to hold.
        var page = await app.SignedInPhoneAsync("admin@demo.scrm", "/catalog");
        await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var tabs = page.GetByRole(AriaRole.Tab);
        var replenishment = page.GetByRole(AriaRole.Tab, new() { Name = "补货任务" });

        await replenishment.ClickAsync();
        await Expect(page.GetByTestId("catalog-replenishment")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);  // MudTabs moves its bar after the click, animated (0.3 s)
        await page.ScreenshotAsync(new() { Path = "/tmp/phone-catalog-replenishment.png" });

        // Before the fix MudTabs had paged the bar so that 补货任务 sat left of the strip (x < 0): an empty bar between arrows.
        await Expect(replenishment).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(replenishment).ToBeInViewportAsync(new() { Ratio = 1 });
        (await tabs.CountAsync()).ShouldBe(5);
        for (var i = 0; i < 5; i++)
            await Expect(tabs.Nth(i)).ToBeInViewportAsync(new() { Ratio = 1 });
        (await OverflowingElementsAsync(page)).ShouldBeEmpty();
        var bar = (await page.Locator(".catalog-tabs .mud-tabs-tabbar").BoundingBoxAsync())!;
        var tab = (await replenishment.BoundingBoxAsync())!;
        tab.X.ShouldBeGreaterThanOrEqualTo(bar.X);
        (tab.X + tab.Width).ShouldBeLessThanOrEqualTo(bar.X + bar.Width + 1);
    }
}
