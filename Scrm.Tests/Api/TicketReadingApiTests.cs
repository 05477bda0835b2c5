using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Scrm.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class TicketReadingApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task ReturnsOneTicketById()
    {
        var created = await _admin.CreateTicketAsync("成都");

        var response = await _admin.GetAsync($"{ApiRequests.TicketsPath}/{(long)created["id"]!}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ticket = await response.ReadObjectAsync();
        ((string)ticket["number"]!).ShouldBe((string)created["number"]!);
        ((string)ticket["region"]!).ShouldBe("西南");
        ((string)ticket["title"]!).ShouldBe("空调不制冷");
        ((string)ticket["description"]!).ShouldBe("门店空调开机后只吹热风。");
    }

    [Fact]
    public async Task AnswersNotFoundProblemForAnUnknownId()
    {
        var response = await _admin.GetAsync($"{ApiRequests.TicketsPath}/987654321");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((int)(await response.ReadObjectAsync())["status"]!).ShouldBe(404);
    }

    [Fact]
    public async Task AnswersAnUnknownApiRouteWithProblemNotTheHtmlNotFoundPage()
    {
        var response = await _admin.GetAsync("/api/v1/tickets/not-a-number");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((string)(await response.ReadObjectAsync())["code"]!).ShouldBe("Route.NotFound");
    }

    [Fact]
    public async Task PagesThroughTheListWithoutOverlap()
    {
        var first = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?pageSize=7&page=0");
        var second = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?pageSize=7&page=1");

        var firstIds = Ids(first!);
        var secondIds = Ids(second!);
        firstIds.Count.ShouldBe(7);
        secondIds.Count.ShouldBe(7);
        firstIds.Intersect(secondIds).ShouldBeEmpty();
        ((int)first!["total"]!).ShouldBeGreaterThan(14);
        ((int)second!["page"]!).ShouldBe(1);
        ((int)second["pageSize"]!).ShouldBe(7);
        // Default order is newest first.
        var created = first["items"]!.AsArray().Select(i => DateTimeOffset.Parse((string)i!["createdAt"]!)).ToList();
        created.ShouldBe(created.OrderByDescending(c => c).ToList());
    }

    [Fact]
    public async Task DefaultsToTwentyFiveATimeFromPageZero()
    {
        var page = await _admin.GetFromJsonAsync<JsonObject>(ApiRequests.TicketsPath);

        ((int)page!["page"]!).ShouldBe(0);
        ((int)page["pageSize"]!).ShouldBe(25);
        page["items"]!.AsArray().Count.ShouldBe(25);
    }

    [Fact]
    public async Task FiltersByStatusRegionAndPriorityIgnoringCase()
    {
        var page = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?status=closed&region=华东&priority=normal&pageSize=200");

        var items = page!["items"]!.AsArray();
        items.Count.ShouldBeGreaterThan(0);
        ((int)page["total"]!).ShouldBe(items.Count);
        items.ShouldAllBe(i => (string)i!["status"]! == "Closed" && (string)i["region"]! == "华东" && (string)i["priority"]! == "Normal");
    }

    [Fact]
    public async Task FindsATicketByTextInItsNumber()
    {
        var created = await _admin.CreateTicketAsync("天津");
        var number = (string)created["number"]!;

        var page = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?q={number}");

        ((int)page!["total"]!).ShouldBe(1);
        ((string)page["items"]![0]!["number"]!).ShouldBe(number);
        ((string)page["items"]![0]!["city"]!).ShouldBe("天津");
    }

    [Fact]
    public async Task SortsByNumberAscendingWhenAsked()
    {
        var page = await _admin.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?sort=number&desc=false&pageSize=50");

        var numbers = page!["items"]!.AsArray().Select(i => (string)i!["number"]!).ToList();
        numbers.Count.ShouldBe(50);
        numbers.ShouldBe(numbers.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("status=Done", "status")]
    [InlineData("priority=Critical", "priority")]
    [InlineData("sort=title", "sort")]
    [InlineData("region=火星", "region")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=-1", "page")]
    public async Task RejectsAnUnreadableQueryNamingTheField(string query, string field)
    {
        var response = await _admin.GetAsync($"{ApiRequests.TicketsPath}?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
    }

    private static List<long> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();
}
