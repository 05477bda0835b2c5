using System.Net;
using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class AdminTests(BrowserFixture app)
{
    [Fact]
    public async Task ADispatcherAnAdminCreatesForTheSouthwestSignsInAndSeesOnlySouthwestTickets()
    {
        var email = $"dispatcher.{Guid.NewGuid():N}@e2e.scrm";
        const string password = "Xinan!2026";
        var admin = await app.SignedInPageAsync("admin@demo.scrm", "/admin/users");
        var users = new UsersPage(admin);
        await users.OpenAsync();

        await users.CreateAsync(email, "西南调度 新人", "调度", "西南", password);

        await Expect(users.Snackbar($"已创建用户 {email}")).ToBeVisibleAsync();
        await Expect(users.Row(email).Locator("[data-testid=user-row-regions]")).ToHaveTextAsync("西南");

        // A browser of its own: nothing of the Admin's session can leak into what the new account sees.
        var page = await app.SignedInPageAsync(email, password, "/tickets", new ViewportSize { Width = 1440, Height = 900 });
        var list = new TicketListPage(page);
        await list.ReadyAsync();
        await Expect(list.Rows.First).ToBeVisibleAsync();
        var regions = await list.Grid.Locator("tbody tr.ticket-row td.ticket-region").AllInnerTextsAsync();
        regions.Count.ShouldBe(await list.Rows.CountAsync());
        regions.ShouldNotBeEmpty();
        regions.Select(r => r.Trim()).ShouldAllBe(r => r == "西南");
    }

    [Fact]
    public async Task AnApiKeyWorksUntilItIsRevokedAndIsRefusedAtOnceAfter()
    {
        var name = $"E2E 集成 {Guid.NewGuid():N}"[..20];
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/admin/api-keys");
        var keys = new ApiKeysPage(page);
        await keys.OpenAsync();

        await keys.CreateAsync(name, "管理员", "全部区域");

        await Expect(keys.IssuedValue).ToBeVisibleAsync();
        var value = (await keys.IssuedValue.InnerTextAsync()).Trim();
        value.ShouldNotBeNullOrEmpty();
        await Expect(keys.State(name)).ToHaveTextAsync("有效");
        using var api = new HttpClient { BaseAddress = new Uri(app.Server.BaseUrl) };
        (await GetTicketsAsync(api, value)).ShouldBe(HttpStatusCode.OK);

        await keys.Revoke(name).ClickAsync();

        await Expect(keys.Snackbar($"密钥「{name}」已吊销")).ToBeVisibleAsync();
        await Expect(keys.State(name)).ToHaveTextAsync("已吊销");
        (await GetTicketsAsync(api, value)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpStatusCode> GetTicketsAsync(HttpClient api, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tickets");
        request.Headers.Add("X-Api-Key", key);
        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }
}
