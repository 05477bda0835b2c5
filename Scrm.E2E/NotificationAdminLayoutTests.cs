using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>/admin/notifications and /admin/channels as an Admin on a 1440×900 screen and a 390×844 phone: nothing escapes sideways.</summary>
[Collection(AppCollection.Name)]
public sealed class NotificationAdminLayout(BrowserFixture app)
{
    [Theory]
    [InlineData("/admin/notifications", 1440, 900, "notify-admin-desktop")]
    [InlineData("/admin/notifications", 390, 844, "notify-admin-phone")]
    [InlineData("/admin/channels", 1440, 900, "channels-admin-desktop")]
    [InlineData("/admin/channels", 390, 844, "channels-admin-phone")]
    public async Task TheAdminPagesFitTheScreen(string path, int width, int height, string shot)
    {
        var page = await app.SignedInPageAsync("admin@demo.scrm", "Demo!2026", path, new ViewportSize { Width = width, Height = height });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = $"/tmp/{shot}.png", FullPage = true });

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth - innerWidth")).ShouldBeLessThanOrEqualTo(1);
        (await PageLayout.OverflowingElementsAsync(page)).ShouldBeEmpty();
    }
}
