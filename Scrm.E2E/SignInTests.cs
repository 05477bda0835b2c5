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
    public async Task EachDemoRoleSignsInAndSeesItsOwnNavigation(string email, string name, string[] visible, string[] hidden)
    {
        var page = await app.SignedInPageAsync(email, "/tickets");
        await Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(name);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        foreach (var item in visible)
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToBeVisibleAsync();
        foreach (var item in hidden)
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToHaveCountAsync(0);
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
    }
}
