using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;

namespace Scrm.Tests.Api;

/// <summary>Every mistake in a request answers 400 problem details naming the field, whatever part of the stack caught it.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiInputErrors(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Theory]
    [InlineData("title", "123", "title", "must be a string")]
    [InlineData("priority", "1", "priority", "must be a string")]
    [InlineData("customer", "\"x\"", "customer", "must be an object")]
    [InlineData("customer", "{\"name\":\"张三\",\"phone\":13912345678}", "customer.phone", "must be a string")]
    [InlineData("customerId", "\"c-1\"", "customerId", "must be a whole number")]
    public async Task RefusesACreateWhoseFieldHasTheWrongJsonTypeNamingItsPath(string property, string json, string field, string message)
    {
        var title = $"类型校验-{Guid.NewGuid():N}";
        var body = InlineTicket(title);
        body[property] = JsonNode.Parse(json);

        var response = await PostJsonAsync(ApiRequests.TicketsPath, body.ToJsonString());

        var problem = await ShouldNameAsync(response, field, "Field.WrongType");
        ((string)problem["errors"]![field]![0]!).ShouldContain(message);
        (await _admin.TotalAsync($"&q={title}")).ShouldBe(0);
    }

    [Fact]
    public async Task RefusesATechnicianIdThatIsNotANumberNamingIt()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await PostJsonAsync($"{TicketPath(ticket)}/assignment", """{"technicianId": "bob"}""");

        await ShouldNameAsync(response, "technicianId", "Field.WrongType");
    }

    [Fact]
    public async Task RefusesAnExpectedVersionThatIsNotANumberAndLeavesTheTicketAlone()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var response = await PostJsonAsync($"{TicketPath(ticket)}/transitions",
            """{"to": "Cancelled", "comment": "重复报修", "expectedVersion": "abc"}""");

        await ShouldNameAsync(response, "expectedVersion", "Field.WrongType");
        var reread = await _admin.GetFromJsonAsync<JsonObject>(TicketPath(ticket));
        ((string)reread!["status"]!).ShouldBe("New");
    }

    [Fact]
    public async Task AnswersMalformedJsonWithWhereItBroke()
    {
        var response = await PostJsonAsync(ApiRequests.TicketsPath, "{\n  \"title\": \"漏水\",\n  \"type\": Repair\n}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        ((string)problem["code"]!).ShouldBe("Request.Unreadable");
        ((string)problem["detail"]!).ShouldContain("not valid JSON at line 3");
        ((int)problem["line"]!).ShouldBe(3);
        ((int)problem["position"]!).ShouldBeGreaterThan(0);
        problem["errors"].ShouldBeNull();
    }

    [Theory]
    [InlineData("page=abc", "page", "Field.WrongType")]
    [InlineData("pageSize=x", "pageSize", "Field.WrongType")]
    [InlineData("desc=maybe", "desc", "Field.WrongType")]
    [InlineData("assigneeId=x", "assigneeId", "Field.WrongType")]
    [InlineData("page=2147483647", "page", "Field.OutOfRange")]
    [InlineData("page=2147483648", "page", "Field.OutOfRange")]
    public async Task RefusesAnUnreadableOrOutOfRangeQueryValueNamingTheParameter(string query, string field, string code)
    {
        var response = await _admin.GetAsync($"{ApiRequests.TicketsPath}?{query}");

        await ShouldNameAsync(response, field, code);
    }

    [Fact]
    public async Task ServesTheLastAllowedPageOfTheLargestSizeButRefusesTheNext()
    {
        var last = await _admin.GetAsync($"{ApiRequests.TicketsPath}?page=100000&pageSize=200");
        var next = await _admin.GetAsync($"{ApiRequests.TicketsPath}?page=100001&pageSize=200");

        last.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await last.ReadObjectAsync();
        ((int)page["page"]!).ShouldBe(100_000);
        page["items"]!.AsArray().ShouldBeEmpty();
        await ShouldNameAsync(next, "page", "Field.OutOfRange");
    }

    [Fact]
    public async Task ChallengesAMissingKeyWithAProblemBody()
    {
        var response = await factory.Client(apiKey: null).GetAsync(ApiRequests.TicketsPath);

        await ShouldBeUnauthorizedProblemAsync(response, "Auth.ApiKeyRequired");
    }

    [Fact]
    public async Task ChallengesAnUnknownKeyWithAProblemBody()
    {
        var response = await factory.Client("scrm_not-a-real-key").PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("上海"));

        await ShouldBeUnauthorizedProblemAsync(response, "Auth.ApiKeyInvalid");
    }

    [Fact]
    public async Task AnswersAnOverLongCommentLikeAnOverLongTitle()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var title = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("上海", title: new string('题', 201)));
        var comment = await _admin.PostAsJsonAsync($"{TicketPath(ticket)}/transitions",
            new { to = "Cancelled", comment = new string('注', 1001) });

        await ShouldNameAsync(title, "title", "Field.TooLong");
        await ShouldNameAsync(comment, "comment", "Field.TooLong");
        var reread = await _admin.GetFromJsonAsync<JsonObject>(TicketPath(ticket));
        ((string)reread!["status"]!).ShouldBe("New");
    }

    [Fact]
    public async Task AnswersAnUnknownTechnicianLikeAnUnknownCustomerButAnUnknownTicketInTheUrlAsNotFound()
    {
        var ticket = await _admin.CreateTicketAsync("上海");

        var customer = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, new
        {
            title = "未知客户", type = "Repair", customerId = 987_654_321L,
        });
        var technician = await _admin.PostAsJsonAsync($"{TicketPath(ticket)}/assignment", new { technicianId = 987_654_321L });
        var unknownTicket = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/987654321/assignment",
            new { technicianId = await TechnicianIdAsync() });

        await ShouldNameAsync(customer, "customerId", "Customer.NotFound");
        await ShouldNameAsync(technician, "technicianId", "Technician.NotFound");
        unknownTicket.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ((string)(await unknownTicket.ReadObjectAsync())["code"]!).ShouldBe("Ticket.NotFound");
    }

    [Fact]
    public async Task LeavesAnUnreadableRequestOutsideTheApiAsTheBareStatusItWas()
    {
        // A guard, not a change: ThrowOnBadRequest is on for the API's sake, and a UI endpoint must not turn that
        // into a 500 error page.
        var response = await factory.Client(apiKey: null).GetAsync("/culture/set");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static JsonObject InlineTicket(string title) => new()
    {
        ["title"] = title,
        ["type"] = "Repair",
        ["customer"] = new JsonObject { ["name"] = "类型测试客户", ["phone"] = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
        ["site"] = new JsonObject { ["address"] = "上海市测试路 10 号", ["city"] = "上海" },
    };

    private static string TicketPath(JsonObject ticket) => $"{ApiRequests.TicketsPath}/{(long)ticket["id"]!}";

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _admin.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<long> TechnicianIdAsync()
    {
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        await using var db = await dbFactory.CreateForAsync(AccessScope.System);
        return await db.Technicians.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
    }

    private static async Task<JsonObject> ShouldNameAsync(HttpResponseMessage response, string field, string code)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
        ((string)problem["codes"]![field]![0]!).ShouldBe(code);
        return problem;
    }

    private static async Task ShouldBeUnauthorizedProblemAsync(HttpResponseMessage response, string code)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldBe(["ApiKey"]);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        ((int)problem["status"]!).ShouldBe(401);
        ((string)problem["title"]!).ShouldNotBeNullOrWhiteSpace();
        ((string)problem["code"]!).ShouldBe(code);
    }
}
