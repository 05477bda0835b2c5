using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Tracking;
using Scrm.Domain.Tickets;
using Scrm.Domain.Tracking;
using Scrm.Tests.Api;

namespace Scrm.Tests.Tracking;

/// <summary>The customer's progress page over HTTP: links on API tickets, the page, the one 404, the rate limit, confirm and rate.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ProgressPage(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task EveryTicketTheApiReturnsCarriesItsTrackingUrl()
    {
        var created = await _admin.CreateTicketAsync("杭州");
        var url = (string)created["trackingUrl"]!;
        url.ShouldMatch("^http://localhost/t/[A-Za-z0-9_-]{22}$");

        var reread = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}/{(long)created["id"]!}");
        ((string)reread!["trackingUrl"]!).ShouldBe(url);
        var page = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?pageSize=20");
        page!["items"]!.AsArray().ShouldAllBe(item => ((string)item!["trackingUrl"]!).Contains("/t/"));
        // The stored hash finds the ticket; the token itself is not stored in the clear.
        await using var db = await DbAsync();
        var record = await db.TrackingTokens.SingleAsync(t => t.TicketId == (long)created["id"]!);
        record.TokenHash.ShouldBe(TrackingToken.Hash(TokenOf(url)));
        record.ProtectedToken.ShouldNotContain(TokenOf(url));
    }

    [Fact]
    public async Task TheSeededTicketsGetTheirLinksAtStartUp()
    {
        await using var db = await DbAsync();
        (await db.Tickets.CountAsync()).ShouldBeGreaterThan(40);

        await WaitForAsync(async () =>
            await db.Tickets.AnyAsync(t => !db.TrackingTokens.Any(k => k.TicketId == t.Id)) ? null : "every ticket has its link");
        (await db.TrackingTokens.CountAsync()).ShouldBe(await db.Tickets.CountAsync());
    }

    [Fact]
    public async Task ShowsTheTicketAsAStaticPageWithoutABlazorCircuit()
    {
        var created = await _admin.CreateTicketAsync("杭州");

        var response = await Visitor().GetAsync(PathOf(created));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.ReadHtmlAsync();
        html.ShouldContain((string)created["number"]!);
        html.ShouldContain("工单已创建");
        html.ShouldContain("/lib/signalr/signalr.min.js");
        html.ShouldNotContain("blazor.web.js");
        html.ShouldNotContain("确认完成");
    }

    [Fact]
    public async Task SpeaksEnglishWhenTheCustomerSwitched()
    {
        var created = await _admin.CreateTicketAsync("杭州");
        var request = new HttpRequestMessage(HttpMethod.Get, PathOf(created));
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = await (await Visitor().SendAsync(request)).ReadHtmlAsync();

        html.ShouldContain("Service progress");
        html.ShouldContain("Request received");
        html.ShouldNotContain("工单已创建");
    }

    [Fact]
    public async Task AWrongMalformedOrExpiredTokenGetsTheSame404()
    {
        var visitor = Visitor();
        var expired = await ExpiredTicketPathAsync();
        var paths = new[] { $"/t/{TrackingToken.New()}", "/t/not-a-token", "/t/" + new string('A', 22), expired, expired + "/state" };

        var bodies = new List<string>();
        foreach (var path in paths)
        {
            var response = await visitor.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        bodies.Distinct().Count().ShouldBe(1);
        (await visitor.PostAsync(expired + "/confirm", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        WebUtility.HtmlDecode(bodies[0]).ShouldContain("链接无效或已过期");
    }

    [Fact]
    public async Task OneAddressIsLimitedTo120RequestsAMinuteWith429()
    {
        var visitor = Visitor();
        var path = $"/t/{TrackingToken.New()}";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 121; i++) statuses.Add((await visitor.GetAsync(path)).StatusCode);

        statuses.Take(120).ShouldAllBe(s => s == HttpStatusCode.NotFound);
        statuses[120].ShouldBe(HttpStatusCode.TooManyRequests);
        (await visitor.GetAsync("/hubs/tracking/negotiate?negotiateVersion=1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Visitor().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheCustomerConfirmsOnlyAResolvedTicketThenRatesItOnceIntoTheTechniciansAverage()
    {
        var created = await _admin.CreateTicketAsync("杭州");
        var (technicianId, countBefore, starsBefore) = await AssignAsync(created);
        var visitor = Visitor();
        var path = PathOf(created);
        foreach (var to in new[] { "Accepted", "EnRoute", "OnSite", "InProgress", "Resolved" }) await MoveAsync(created, to);
        // A page read while resolved, posted after the office reopened the ticket: refused, the ticket stays as it is.
        var stale = await visitor.ReadTokenAsync(path);
        (await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)created["id"]!}/transitions", new { to = "Reopened", comment = "客户反映仍漏水" }))
            .EnsureSuccessStatusCode();
        (await visitor.PostWithAsync(path + "/confirm", stale, [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(created)).ShouldBe(TicketStatus.Reopened);
        (await (await visitor.GetAsync(path)).ReadHtmlAsync()).ShouldNotContain("确认完成");

        foreach (var to in new[] { "InProgress", "Resolved" }) await MoveAsync(created, to);
        (await (await visitor.GetAsync(path)).ReadHtmlAsync()).ShouldContain("确认完成");
        (await visitor.PostFormAsync(path, "/confirm", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(created)).ShouldBe(TicketStatus.Closed);

        foreach (var bad in new[] { "0", "6", "" })
        {
            var refused = await visitor.PostFormAsync(path, "/rate", new() { ["stars"] = bad });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.ReadHtmlAsync()).ShouldContain("请选择 1 到 5 星");
        }
        var rateForm = await visitor.ReadTokenAsync(path);
        (await visitor.PostWithAsync(path + "/rate", rateForm, new() { ["stars"] = "4", ["comment"] = "师傅很专业" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same form posted again (a second tab, a double tap): the first rating stands.
        (await visitor.PostWithAsync(path + "/rate", rateForm, new() { ["stars"] = "1" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var ticket = await TicketAsync(created);
        ticket.CustomerRating.ShouldBe(4);
        ticket.CustomerRatingComment.ShouldBe("师傅很专业");
        var technician = await WaitForAsync(async () =>
        {
            await using var db = await DbAsync();
            var t = await db.Technicians.AsNoTracking().SingleAsync(x => x.Id == technicianId);
            return t.RatingCount > countBefore ? t : null;
        });
        technician.RatingCount.ShouldBe(countBefore + 1);
        technician.RatingStars.ShouldBe(starsBefore + 4);
        technician.Rating.ShouldBe(Math.Round((starsBefore + 4.0) / (countBefore + 1), 2));
        (await (await visitor.GetAsync(path)).ReadHtmlAsync()).ShouldContain("您的评价：");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenChangesNothing()
    {
        var created = await _admin.CreateTicketAsync("杭州");
        await AssignAsync(created);
        foreach (var to in new[] { "Accepted", "EnRoute", "OnSite", "InProgress", "Resolved" }) await MoveAsync(created, to);

        var response = await Visitor().PostAsync(PathOf(created) + "/confirm", new FormUrlEncodedContent([]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StatusAsync(created)).ShouldBe(TicketStatus.Resolved);
    }

    [Fact]
    public async Task TheCustomerSeesTheQuoteAsItChangesAcceptsItOnTheirPageAndItsViewersAreToldOfEachChange()
    {
        var created = await _admin.CreateTicketAsync("上海");
        var quotePath = $"/api/v1/tickets/{(long)created["id"]!}/quote";
        var visitor = Visitor();
        var path = PathOf(created);
        (await (await visitor.GetAsync(path)).ReadHtmlAsync()).ShouldNotContain("progress-quote");
        await using var viewer = Hub();
        var changes = new List<TrackingChange>();
        viewer.On<TrackingChange>("Changed", c => { lock (changes) changes.Add(c); });
        await viewer.StartAsync();
        (await viewer.InvokeAsync<bool>("Follow", TokenOf((string)created["trackingUrl"]!))).ShouldBeTrue();

        var quote = await (await _admin.PostAsJsonAsync($"{quotePath}/lines", new { kind = "ServiceItem", code = "SVC-COFFEE-CARE", quantity = 2 })).ReadObjectAsync();

        var total = $"¥{(long)quote["totalFen"]! / 100m:N2}";
        // The change itself carries the page's new body: the viewer has the quote without reading the page again.
        string? body = null;
        await WaitForAsync(() => Task.FromResult(body = changes.ToList().Select(c => WebUtility.HtmlDecode(c.Html ?? "")).FirstOrDefault(h => h.Contains(total))));
        body!.ShouldContain("同意报价");
        body!.ShouldContain("data-action=\"quote/accept\"");
        body!.ShouldNotContain(TokenOf((string)created["trackingUrl"]!));
        var page = await (await visitor.GetAsync(path)).ReadHtmlAsync();
        page.ShouldContain("progress-quote-total");
        page.ShouldContain(total);
        page.ShouldContain("同意报价");

        (await visitor.PostFormAsync(path, "/quote/accept", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var accepted = await _admin.GetFromJsonAsync<JsonObject>(quotePath);
        ((string)accepted!["status"]!).ShouldBe("Accepted");
        var after = await (await visitor.GetAsync(path)).ReadHtmlAsync();
        after.ShouldContain("progress-quote-accepted");
        after.ShouldNotContain("progress-quote-accept\"");
    }

    [Fact]
    public async Task TheHubFollowsAGoodTokenOnlyAndTellsItsViewersOfEachChange()
    {
        var created = await _admin.CreateTicketAsync("杭州");
        await using var viewer = Hub();
        var changes = new List<TrackingChange>();
        viewer.On<TrackingChange>("Changed", c => { lock (changes) changes.Add(c); });
        await viewer.StartAsync();

        (await viewer.InvokeAsync<bool>("Follow", TrackingToken.New())).ShouldBeFalse();
        (await viewer.InvokeAsync<bool>("Follow", "x")).ShouldBeFalse();
        (await viewer.InvokeAsync<bool>("Follow", TokenOf((string)created["trackingUrl"]!))).ShouldBeTrue();
        await using var english = Hub();
        var englishChanges = new List<TrackingChange>();
        english.On<TrackingChange>("Changed", c => { lock (englishChanges) englishChanges.Add(c); });
        await english.StartAsync();
        (await english.InvokeAsync<bool>("FollowIn", TokenOf((string)created["trackingUrl"]!), "en")).ShouldBeTrue();
        await AssignAsync(created);

        var change = await WaitForAsync(() => Task.FromResult(changes.ToList().FirstOrDefault(c => c.Status == "Assigned")));
        WebUtility.HtmlDecode(change.Html!).ShouldContain("已指派");
        var inEnglish = await WaitForAsync(() => Task.FromResult(englishChanges.ToList().FirstOrDefault(c => c.Status == "Assigned")));
        WebUtility.HtmlDecode(inEnglish.Html!).ShouldContain("Request received");
        WebUtility.HtmlDecode(inEnglish.Html!).ShouldNotContain("已指派");
    }

    private HubConnection Hub() => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, TrackingSetup.HubPath), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
        })
        .Build();

    private async Task<string> ExpiredTicketPathAsync()
    {
        var created = await _admin.CreateTicketAsync("杭州");
        var path = PathOf(created);
        (await Visitor().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = await DbAsync();
        var longAgo = DateTimeOffset.UtcNow.AddDays(-31);
        await db.Tickets.Where(t => t.Id == (long)created["id"]!)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Closed).SetProperty(t => t.ClosedAt, longAgo));
        return path;
    }

    private async Task<(long Id, int Count, long Stars)> AssignAsync(JsonObject ticket)
    {
        await using var db = await DbAsync();
        var technician = await db.Technicians.AsNoTracking().Where(t => t.Region == "华东").OrderBy(t => t.Id).FirstAsync();
        var response = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}/assignment", new { technicianId = technician.Id });
        response.EnsureSuccessStatusCode();
        return (technician.Id, technician.RatingCount, technician.RatingStars);
    }

    private async Task MoveAsync(JsonObject ticket, string to) =>
        (await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}/transitions", new { to })).EnsureSuccessStatusCode();

    private async Task<Ticket> TicketAsync(JsonObject ticket)
    {
        await using var db = await DbAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == (long)ticket["id"]!);
    }

    private async Task<TicketStatus> StatusAsync(JsonObject ticket) => (await TicketAsync(ticket)).Status;

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException("The change did not arrive within 15 s.");
            await Task.Delay(50);
        }
    }

    private static string TokenOf(string url) => url[(url.LastIndexOf('/') + 1)..];

    private static string PathOf(JsonObject ticket) => new Uri((string)ticket["trackingUrl"]!).AbsolutePath;

    private async Task<ScrmDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);

    /// <summary>A phone's browser with cookies, from an address of its own (the rate limit is per address).</summary>
    private ProgressVisitor Visitor()
    {
        var address = IPAddress.Parse($"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");
        var handler = new CookieContainerHandler { InnerHandler = factory.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address) };
        return new ProgressVisitor(new HttpClient(handler) { BaseAddress = factory.Server.BaseAddress });
    }

    /// <summary>Reads the page first, as a browser does, and posts one of its forms with the page's antiforgery token.</summary>
    private sealed partial class ProgressVisitor(HttpClient client)
    {
        public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

        public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => client.SendAsync(request);

        public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => client.PostAsync(path, content);

        public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields) =>
            await PostWithAsync(page + action, await ReadTokenAsync(page), fields);

        public async Task<KeyValuePair<string, string>> ReadTokenAsync(string page)
        {
            var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
            var token = TokenInput().Match(html);
            token.Success.ShouldBeTrue("the page carries a form with an antiforgery token");
            return new(WebUtility.HtmlDecode(token.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[2].Value));
        }

        public Task<HttpResponseMessage> PostWithAsync(string path, KeyValuePair<string, string> token, Dictionary<string, string> fields) =>
            client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { [token.Key] = token.Value }));

        [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
        private static partial Regex TokenInput();
    }
}
