using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.E2E.Infrastructure;
using static Scrm.E2E.Infrastructure.PageLayout;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The app on a 390×844 phone: the top bar fits on one line, nothing sticks out sideways, a technician starts from their jobs.</summary>
[Collection(AppCollection.Name)]
public sealed class PhoneLayout(BrowserFixture app)
{
    private const string Dispatcher = "dispatcher.east@demo.scrm";
    private const string Technician = "tech.east1@demo.scrm";

    [Theory]
    [InlineData("/", "phone-dispatcher-home", "看板")]
    [InlineData("/tickets", "phone-dispatcher-tickets", "工单")]
    [InlineData("/customers", "phone-dispatcher-customers", "客户")]
    public async Task ADispatchersPagesFitAPhoneScreenWithTheTopBarOnOneLine(string path, string shot, string title)
    {
        var page = await PhoneAsync(Dispatcher, path);
        var bar = new AppBarPage(page);
        await page.ScreenshotAsync(new() { Path = $"/tmp/{shot}.png" });

        (await OverflowingElementsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth - innerWidth")).ShouldBeLessThanOrEqualTo(1);
        (await bar.Bar.BoundingBoxAsync())!.Height.ShouldBeLessThanOrEqualTo(64);
        (await bar.WrappedTextsAsync()).ShouldBeEmpty();
        // The bar names the page the user is on, not the same word on every page.
        await Expect(bar.Bar.GetByTestId("appbar-page-title")).ToHaveTextAsync(title);
        await Expect(bar.AccountMenu).ToBeVisibleAsync();
        await Expect(bar.Bar.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task TheTicketListPagerSpeaksChineseOnAPhone()
    {
        var page = await PhoneAsync(Dispatcher, "/tickets");

        await Expect(page.Locator(".mud-table-pagination")).ToContainTextAsync("每页行数");
        await Expect(page.Locator(".mud-table-pagination")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"第 1–\d+ 条，共 \d+ 条"));
    }

    [Fact]
    public async Task TheAccountMenuHoldsTheLanguageSwitchSignOutAndTheUsersOwnAccountPage()
    {
        var page = await PhoneAsync(Dispatcher, "/tickets");
        var bar = new AppBarPage(page);

        await bar.OpenAccountMenuAsync();

        await Expect(bar.MenuItem("中文")).ToBeVisibleAsync();
        await Expect(bar.MenuItem("English")).ToBeVisibleAsync();
        await Expect(bar.MenuItem("修改密码")).ToBeVisibleAsync();
        await Expect(bar.SignOut).ToBeVisibleAsync();
        await Expect(bar.SignOut).ToHaveTextAsync("退出");
        (await OverflowingElementsAsync(page)).ShouldBeEmpty();
        await page.ScreenshotAsync(new() { Path = "/tmp/phone-account-menu.png" });

        await bar.MenuItem("我的账户").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Manage$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "个人资料" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = "/tmp/phone-account-page.png" });
        (await OverflowingElementsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SigningOutFromTheAccountMenuEndsTheSession()
    {
        var page = await PhoneAsync(Dispatcher, "/tickets");
        var bar = new AppBarPage(page);

        await bar.OpenAccountMenuAsync();
        await bar.SignOut.ClickAsync();

        await page.GotoAsync("/tickets");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task ATechnicianLandsOnTheirOpenJobs()
    {
        var job = await AssignedToAsync(Technician, "E2E 手机待办");

        var page = await PhoneAsync(Technician, "/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("我的待办工单");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/my$"));
        var card = page.Locator($"[data-testid=job-card][data-number='{job.Row.Number}']");
        await Expect(card).ToContainTextAsync("E2E 手机待办");
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = job.Row.Number })).ToHaveAttributeAsync("href", $"/tickets/{job.Row.Number}");
        (await page.Locator("[data-testid=job-card]").AllInnerTextsAsync()).ShouldAllBe(t => !t.Contains("已解决"));
        (await OverflowingElementsAsync(page)).ShouldBeEmpty();
        await page.ScreenshotAsync(new() { Path = "/tmp/phone-technician-home.png", FullPage = true });

        await card.GetByRole(AriaRole.Link, new() { Name = job.Row.Number }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/tickets/{job.Row.Number}$"));
    }

    private Task<IPage> PhoneAsync(string email, string path) => app.SignedInPhoneAsync(email, path);

    /// <summary>A new ticket in the technician's region, assigned to them by an administrator.</summary>
    private async Task<TicketDetail> AssignedToAsync(string email, string title)
    {
        var technicianId = await app.Server.TechnicianIdOfAsync(email);
        var ticket = await app.Server.NewTicketAsync("宁波", title);
        return await app.Server.Services.GetRequiredService<TicketService>().AssignAsync(TestData.Admin, ticket.Row.Id, technicianId, null);
    }
}
