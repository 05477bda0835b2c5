using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scrm.App.Data;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Api;

/// <summary>GET /api/v1/tickets/{id}/quote and its lines: rules applied, totals, role and region checks, problem details.</summary>
[Collection(ApiCollection.Name)]
public sealed class QuoteApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task AddsLinesAndReturnsEachLinesRulesAndTheTotals()
    {
        var ticket = await _admin.CreateTicketAsync("上海");
        var path = $"/api/v1/tickets/{(long)ticket["id"]!}/quote";

        (await _admin.PostAsJsonAsync($"{path}/lines", new { kind = "ServiceItem", code = "SVC-COFFEE-CARE", quantity = 2 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var added = await (await _admin.PostAsJsonAsync($"{path}/lines", new { kind = "Part", code = "PT-COFFEE-GASKET", quantity = 1, underWarranty = true })).ReadObjectAsync();
        var quote = await _admin.GetFromJsonAsync<JsonObject>(path);

        var lines = quote!["lines"]!.AsArray();
        lines.Count.ShouldBe(2);
        lines[0]!["rules"]!.AsArray().Select(r => (string)r!["code"]!).ShouldContain("PL-E-COFFEE-CARE");
        lines[1]!["rules"]!.AsArray().Select(r => (string)r!["code"]!).ShouldContain("WARRANTY");
        ((long)lines[1]!["netFen"]!).ShouldBe(0);
        ((long)quote["totalFen"]!).ShouldBe(lines.Sum(l => (long)l!["netFen"]!));
        ((string)quote["status"]!).ShouldBe("Draft");

        var removed = await _admin.DeleteAsync($"{path}/lines/{(long)added["lines"]![1]!["id"]!}");
        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await removed.ReadObjectAsync())["lines"]!.AsArray().Count.ShouldBe(1);
        var accepted = await (await _admin.PostAsync($"{path}/accept", null)).ReadObjectAsync();
        ((string)accepted["status"]!).ShouldBe("Accepted");
    }

    [Fact]
    public async Task BadInputIsAProblemWithTheField()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await _admin.PostAsJsonAsync($"/api/v1/tickets/{(long)ticket["id"]!}/quote/lines", new { kind = "Part", code = "PT-PP-10", quantity = -1 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain("quantity");
    }

    [Fact]
    public async Task AnotherRegionSeesNothingAndFinanceMayNotAddLines()
    {
        var ticket = await _admin.CreateTicketAsync("上海");
        var path = $"/api/v1/tickets/{(long)ticket["id"]!}/quote";
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, Regions.South, TimeSpan.FromHours(1)));
        var finance = factory.Client(await factory.IssueKeyAsync(AppRoles.Finance, AccessScope.AllRegionsValue, TimeSpan.FromHours(1)));

        (await south.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await finance.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var denied = await finance.PostAsJsonAsync($"{path}/lines", new { kind = "Labour", quantity = 1 });
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ((string)(await denied.ReadObjectAsync())["code"]!).ShouldBe("Quote.EditDenied");
    }
}
