using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class SignInTests(BrowserFixture app)
{
    [Theory]
    [InlineData("admin@demo.scrm", "系统管理员", new[] { "工单", "看板", "客户", "技师" }, new string[0])]
    [InlineData("manager.east@demo.scrm", "华东经理 周明", new[] { "工单", "看板", "客户", "技师" }, new string[0])]
    [InlineData("dispatcher.east@demo.scrm", "华东调度 李娜", new[] { "工单", "看板", "客户", "技师" }, new string[0])]
    [InlineData("dispatcher.south@demo.scrm", "华南调度 陈杰", new[] { "工单", "看板", "客户", "技师" }, new string[0])]
    [InlineData("tech.east1@demo.scrm", "技师", new[] { "工单", "看板" }, new[] { "客户", "技师" })]
    [InlineData("agent@demo.scrm", "客服 王芳", new[] { "工单", "看板", "客户" }, new[] { "技师" })]
    [InlineData("finance@demo.scrm", "财务 赵敏", new[] { "工单", "客户" }, new[] { "看板", "技师" })]
    [InlineData("warehouse.east@demo.scrm", "华东仓管 孙强", new[] { "目录与库存" }, new[] { "工单", "看板", "客户", "技师" })]
    public async Task EachDemoRoleSignsInAndSeesItsOwnNavigation(string email, string name, string[] visible, string[] hidden)
    {
        // Each role lands on its own first screen (the Warehouse may not open /tickets).
        var page = await app.SignedInPageAsync(email, "/");
        await Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(name);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        foreach (var item in visible)
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToBeVisibleAsync();
        foreach (var item in hidden)
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheWarehouseLandsOnTheCatalogAfterSigningIn()
    {
        var page = await app.SignedInPageAsync("warehouse.east@demo.scrm", "/");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalog$"));
    }

    [Fact]
    public async Task TheWarehouseIsRefusedTheTicketPagesEvenByUrl()
    {
        var page = await app.SignedInPageAsync("warehouse.east@demo.scrm", "/");

        foreach (var path in new[] { "/tickets", "/board" })
        {
            await page.GotoAsync(path);
            // The server refuses the role before any of the page renders: the access-denied page, with a way back.
            await Expect(page.GetByTestId("access-denied-home")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("ticket-search")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("board")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAClearMessage()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.Server.BaseUrl });
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("agent@demo.scrm", "wrong-password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("邮箱或密码错误");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.Server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/board");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task TheLanguageSwitchTurnsTheUiIntoEnglish()
    {
        var page = await app.SignedInPageAsync("agent@demo.scrm", "/tickets");
        await page.GotoAsync("/culture/set?culture=en&redirectUri=/tickets");
        await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tickets");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New ticket" })).ToBeVisibleAsync();
        // The role title in the display name (客服 王芳) is the UI's; the person's name is not translated.
        await Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("Agent 王芳");
    }
}

[Collection(AppCollection.Name)]
public sealed class LockoutTests(BrowserFixture app)
{
    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        var email = $"lockout-{Guid.NewGuid():N}@demo.scrm";
        using (var scope = app.Server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Scrm.App.Data.ApplicationUser>>();
            var created = await users.CreateAsync(new Scrm.App.Data.ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "锁定测试" }, LoginPage.Password);
            created.Succeeded.ShouldBeTrue();
        }
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.Server.BaseUrl });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);

        for (var attempt = 0; attempt < 5; attempt++)
            await login.SignInAsync(email, "wrong-password");
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(LoginPage.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Lockout"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("账户已锁定");
    }
}
