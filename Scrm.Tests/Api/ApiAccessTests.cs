using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scrm.App.Data;

namespace Scrm.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ApiAccess(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task ChallengesACallerWithoutAKey()
    {
        var response = await factory.Client(apiKey: null).GetAsync(ApiRequests.TicketsPath);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldBe(["ApiKey"]);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task ChallengesAnUnknownKey()
    {
        var response = await factory.Client("scrm_not-a-real-key").PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("上海"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldBe(["ApiKey"]);
    }

    [Fact]
    public async Task ChallengesAnExpiredKeyThatOnceWorked()
    {
        var live = await factory.IssueKeyAsync(AppRoles.Admin, AccessScope.AllRegionsValue, TimeSpan.FromHours(1));
        var expired = await factory.IssueKeyAsync(AppRoles.Admin, AccessScope.AllRegionsValue, TimeSpan.FromHours(-1));

        (await factory.Client(live).GetAsync(ApiRequests.TicketsPath)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.Client(expired).GetAsync(ApiRequests.TicketsPath)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task IgnoresTheBrowserSignInCookie()
    {
        var cookie = await SignInCookieAsync("admin@demo.scrm");
        var browser = factory.Client(apiKey: null);
        browser.DefaultRequestHeaders.Add("Cookie", cookie);

        // The same cookie opens a signed-in page, so it is a valid sign-in; the API still wants a key.
        (await browser.GetAsync("/Account/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await browser.GetAsync(ApiRequests.TicketsPath);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldBe(["ApiKey"]);
    }

    [Fact]
    public async Task HidesAnotherRegionsTicketFromARegionalDispatcher()
    {
        var north = await _admin.CreateTicketAsync("北京");
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华南", TimeSpan.FromHours(1)));
        var path = $"{ApiRequests.TicketsPath}/{(long)north["id"]!}";

        var read = await south.GetAsync(path);
        var move = await south.PostAsJsonAsync($"{path}/transitions", new { to = "Cancelled", comment = "越权取消" });

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        move.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stillThere = await _admin.GetFromJsonAsync<JsonObject>(path);
        ((string)stillThere!["status"]!).ShouldBe("New");
    }

    [Fact]
    public async Task RefusesARegionalDispatcherCreatingOutsideTheRegion()
    {
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华南", TimeSpan.FromHours(1)));

        var outside = await south.PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("北京"));
        var inside = await south.PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("广州"));

        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        outside.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((string)(await outside.ReadObjectAsync())["code"]!).ShouldBe("Ticket.RegionDenied");
        inside.StatusCode.ShouldBe(HttpStatusCode.Created);
        ((string)(await inside.ReadObjectAsync())["region"]!).ShouldBe("华南");
    }

    [Fact]
    public async Task ListsOnlyTheRegionalDispatchersOwnRegion()
    {
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, "华南", TimeSpan.FromHours(1)));

        var page = await south.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?pageSize=200");
        var foreign = await south.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?region=华北");

        var items = page!["items"]!.AsArray();
        items.Count.ShouldBeGreaterThan(0);
        items.ShouldAllBe(i => (string)i!["region"]! == "华南");
        ((int)page["total"]!).ShouldBe(await _admin.TotalAsync("&region=华南"));
        ((int)page["total"]!).ShouldBeLessThan(await _admin.TotalAsync());
        ((int)foreign!["total"]!).ShouldBe(0);
    }

    [Fact]
    public async Task RefusesTheWarehouseReadingTicketsWithAProblem()
    {
        var warehouse = factory.Client(await factory.IssueKeyAsync(AppRoles.Warehouse, "华东", TimeSpan.FromHours(1)));

        var response = await warehouse.GetAsync(ApiRequests.TicketsPath);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((string)(await response.ReadObjectAsync())["code"]!).ShouldBe("Auth.RoleNotAllowed");
    }

    [Fact]
    public async Task RefusesFinanceCreatingTickets()
    {
        var finance = factory.Client(await factory.IssueKeyAsync(AppRoles.Finance, AccessScope.AllRegionsValue, TimeSpan.FromHours(1)));
        var before = await _admin.TotalAsync();

        var response = await finance.PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("上海"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ((string)(await response.ReadObjectAsync())["code"]!).ShouldBe("Ticket.CreateDenied");
        (await _admin.TotalAsync()).ShouldBe(before);
        (await finance.GetAsync(ApiRequests.TicketsPath)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The cookie a browser gets from the sign-in page, minted directly from the app's own cookie options.</summary>
    private async Task<string> SignInCookieAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo user {email}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }
}
