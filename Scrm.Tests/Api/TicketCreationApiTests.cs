using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scrm.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed partial class TicketCreationApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task CreatesTicketWithInlineCustomerAndDerivesRegionFromCity()
    {
        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("杭州", priority: "high"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var ticket = await response.ReadObjectAsync();
        var id = (long)ticket["id"]!;
        response.Headers.Location!.OriginalString.ShouldBe($"/api/v1/tickets/{id}");
        ((string)ticket["number"]!).ShouldMatch(@"^GD-\d{8}-\d{4}$");
        ((string)ticket["city"]!).ShouldBe("杭州");
        ((string)ticket["region"]!).ShouldBe("华东");
        ((string)ticket["status"]!).ShouldBe("New");
        ((string)ticket["type"]!).ShouldBe("Repair");
        ((string)ticket["priority"]!).ShouldBe("High");
        ((string)ticket["address"]!).ShouldBe("杭州市测试路 8 号");
        ((string)ticket["customerName"]!).ShouldStartWith("测试客户");
        ((long)ticket["customerId"]!).ShouldBeGreaterThan(0);
        ((long)ticket["version"]!).ShouldBeGreaterThan(0);
        ticket["allowedTransitions"]!.AsArray().Select(s => (string)s!).ShouldBe(["Assigned", "Cancelled"], ignoreOrder: true);

        var fetched = await _admin.GetFromJsonAsync<JsonObject>(response.Headers.Location);
        ((string)fetched!["number"]!).ShouldBe((string)ticket["number"]!);
    }

    [Fact]
    public async Task RejectsEveryBadFieldAtOnceAsValidationProblem()
    {
        var before = await _admin.TotalAsync();
        var body = new
        {
            title = "  ",
            type = "Teleport",
            customer = new { name = "张三", phone = "123" },
            site = new { address = "火星基地 1 号", city = "火星" },
        };

        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        var errors = problem["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["title", "type", "customer.phone", "site.city"], ignoreOrder: true);
        ((string)errors["type"]![0]!).ShouldContain("Repair");
        ((string)problem["codes"]!["customer.phone"]![0]!).ShouldBe("Phone.Invalid");
        ((string)problem["codes"]!["site.city"]![0]!).ShouldBe("City.Unknown");
        (await _admin.TotalAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task RejectsUnknownPriorityNamingTheField()
    {
        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, ApiRequests.InlineTicket("上海", priority: "Critical"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["priority"]);
        ((string)errors["priority"]![0]!).ShouldContain("Urgent");
    }

    [Fact]
    public async Task AnswersMalformedJsonWithProblemAndNoStackTrace()
    {
        var content = new StringContent("{\"title\": \"漏水\", ", Encoding.UTF8, "application/json");

        var response = await _admin.PostAsync(ApiRequests.TicketsPath, content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        ((string)JsonNode.Parse(text)!["code"]!).ShouldBe("Request.Unreadable");
        text.ShouldNotContain("   at ");
        text.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task AnswersABodyThatIsNotJsonWithUnsupportedMediaTypeProblem()
    {
        var response = await _admin.PostAsync(ApiRequests.TicketsPath, new StringContent("title=漏水", Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((string)(await response.ReadObjectAsync())["code"]!).ShouldBe("Request.UnsupportedMediaType");
    }

    [Fact]
    public async Task ReplaysTheFirstTicketForARepeatedIdempotencyKey()
    {
        var key = $"order-{Guid.NewGuid():N}";
        var body = ApiRequests.InlineTicket("广州");

        var first = await PostWithKeyAsync(body, key);
        var total = await _admin.TotalAsync();
        var second = await PostWithKeyAsync(body, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.GetValues("Idempotency-Replayed").ShouldBe(["true"]);
        first.Headers.Contains("Idempotency-Replayed").ShouldBeFalse();
        var firstTicket = await first.ReadObjectAsync();
        var replayed = await second.ReadObjectAsync();
        ((long)replayed["id"]!).ShouldBe((long)firstTicket["id"]!);
        ((string)replayed["number"]!).ShouldBe((string)firstTicket["number"]!);
        (await _admin.TotalAsync()).ShouldBe(total);
    }

    [Fact]
    public async Task CreatesOneTicketPerDistinctIdempotencyKey()
    {
        var body = ApiRequests.InlineTicket("深圳");
        var before = await _admin.TotalAsync();

        var first = await PostWithKeyAsync(body, $"a-{Guid.NewGuid():N}");
        var second = await PostWithKeyAsync(body, $"b-{Guid.NewGuid():N}");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        ((long)(await second.ReadObjectAsync())["id"]!).ShouldNotBe((long)(await first.ReadObjectAsync())["id"]!);
        (await _admin.TotalAsync()).ShouldBe(before + 2);
    }

    [Fact]
    public async Task RefusesAnIdempotencyKeyReusedForADifferentRequest()
    {
        var key = $"order-{Guid.NewGuid():N}";
        (await PostWithKeyAsync(ApiRequests.InlineTicket("广州"), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var total = await _admin.TotalAsync();

        var reused = await PostWithKeyAsync(ApiRequests.InlineTicket("佛山"), key);

        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await reused.ReadObjectAsync())["code"]!).ShouldBe("Idempotency.KeyReused");
        (await _admin.TotalAsync()).ShouldBe(total);
    }

    [Fact]
    public async Task RejectsAnIdempotencyKeyLongerThanOneHundredCharacters()
    {
        var response = await PostWithKeyAsync(ApiRequests.InlineTicket("上海"), new string('k', 101));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["Idempotency-Key"]);
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRequests.TicketsPath) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return _admin.SendAsync(request);
    }
}
