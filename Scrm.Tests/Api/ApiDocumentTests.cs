using System.Net;
using System.Text.Json.Nodes;

namespace Scrm.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ApiDocument(ApiFactory factory)
{
    private readonly HttpClient _anonymous = factory.Client(apiKey: null);

    [Fact]
    public async Task ServesTheOpenApiDocumentWithoutAKey()
    {
        var response = await _anonymous.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("/api/v1/tickets");
        var document = JsonNode.Parse(text)!;
        ((string)document["info"]!["title"]!).ShouldBe("Scrm API");
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        ((string)scheme["type"]!).ShouldBe("apiKey");
        ((string)scheme["name"]!).ShouldBe("X-Api-Key");
        ((string)scheme["in"]!).ShouldBe("header");
    }

    [Fact]
    public async Task DocumentsCreateAsCreatedOrValidationProblemBehindTheApiKey()
    {
        var document = JsonNode.Parse(await _anonymous.GetStringAsync("/openapi/v1.json"))!;

        var create = document["paths"]!["/api/v1/tickets"]!["post"]!;
        var responses = create["responses"]!.AsObject().Select(r => r.Key).ToList();
        responses.ShouldContain("201");
        responses.ShouldContain("400");
        responses.ShouldContain("401");
        create["security"]![0]!.AsObject().Select(s => s.Key).ShouldBe(["ApiKey"]);
        var statusEnum = document["components"]!["schemas"]!["TicketStatus"]!["enum"]!.AsArray().Select(v => (string)v!);
        statusEnum.ShouldContain("Cancelled");
    }

    [Fact]
    public async Task ReportsHealthyWhileTheDatabaseAnswers()
    {
        var response = await _anonymous.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
