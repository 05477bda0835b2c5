using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Scrm.Tests.Api;

/// <summary>Enum fields accept one member's name (or the Chinese name the UI shows), never what Enum.TryParse also takes.</summary>
[Collection(ApiCollection.Name)]
public sealed class EnumInputApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Theory]
    [InlineData("priority", "Normal,High")]
    [InlineData("type", "Maintenance,Complaint")]
    [InlineData("priority", "1")]
    [InlineData("type", "7")]
    public async Task RefusesACreateWhoseEnumFieldIsAListOrANumberNamingTheField(string field, string value)
    {
        var title = $"枚举校验-{Guid.NewGuid():N}";
        var body = Ticket(title);
        body[field] = value;

        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, body);

        await ShouldBeProblemNamingAsync(response, field);
        (await _admin.TotalAsync($"&q={title}")).ShouldBe(0);
    }

    [Theory]
    [InlineData("status=New,Assigned", "status")]
    [InlineData("priority=2", "priority")]
    [InlineData("priority=Low,Urgent", "priority")]
    [InlineData("sort=1", "sort")]
    public async Task RefusesAListQueryWhoseEnumParameterIsAListOrANumberNamingIt(string query, string field)
    {
        var response = await _admin.GetAsync($"{ApiRequests.TicketsPath}?{query}");

        await ShouldBeProblemNamingAsync(response, field);
    }

    [Fact]
    public async Task RefusesATransitionToAListOfStatusesAndLeavesTheTicketAlone()
    {
        var ticket = await _admin.CreateTicketAsync("上海");
        var path = $"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}";

        var response = await _admin.PostAsJsonAsync($"{path}/transitions", new { to = "Closed,New", comment = "x" });

        await ShouldBeProblemNamingAsync(response, "to");
        var reread = await _admin.GetFromJsonAsync<JsonObject>(path);
        ((string)reread!["status"]!).ShouldBe("New");
        ((long)reread["version"]!).ShouldBe((long)ticket["version"]!);
    }

    [Fact]
    public async Task CreatesATicketFromTheChineseTypeAndPriorityTheUiShows()
    {
        var title = $"中文枚举-{Guid.NewGuid():N}";
        var body = Ticket(title);
        body["type"] = "维修";
        body["priority"] = "紧急";

        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadObjectAsync();
        ((string)created["type"]!).ShouldBe("Repair");
        ((string)created["priority"]!).ShouldBe("Urgent");
        var stored = await _admin.GetFromJsonAsync<JsonObject>(response.Headers.Location);
        ((string)stored!["type"]!).ShouldBe("Repair");
        ((string)stored["priority"]!).ShouldBe("Urgent");
        (await _admin.TotalAsync($"&q={title}&priority=紧急&status=新建")).ShouldBe(1);
    }

    [Fact]
    public async Task MovesATicketToTheChineseStatusTheUiShows()
    {
        var ticket = await _admin.CreateTicketAsync("广州");

        var response = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}/transitions",
            new { to = "已取消", comment = "客户已自行修好" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await response.ReadObjectAsync())["status"]!).ShouldBe("Cancelled");
    }

    private static JsonObject Ticket(string title) => new()
    {
        ["title"] = title,
        ["type"] = "Repair",
        ["priority"] = "Normal",
        ["customer"] = new JsonObject { ["name"] = "枚举测试客户", ["phone"] = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
        ["site"] = new JsonObject { ["address"] = "上海市测试路 9 号", ["city"] = "上海" },
    };

    private static async Task ShouldBeProblemNamingAsync(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
        ((string)problem["codes"]![field]![0]!).ShouldBe("Field.NotOneOf");
    }
}
