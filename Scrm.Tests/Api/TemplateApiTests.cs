using System.Net;
using System.Text.Json.Nodes;

namespace Scrm.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class TemplateApi(ApiFactory factory)
{
    [Fact]
    public async Task ListsThePublishedTemplatesWithTheirVersionAndIntakeLink()
    {
        var response = await factory.Client().GetAsync("/api/v1/templates");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var templates = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var repair = templates.Single(t => (string)t!["key"]! == "equipment-repair")!;
        ((string)repair["name"]!).ShouldBe("设备报修");
        ((string)repair["ticketType"]!).ShouldBe("Repair");
        ((int)repair["version"]!).ShouldBeGreaterThanOrEqualTo(1);
        ((string)repair["intakeUrl"]!).ShouldEndWith("/s/equipment-repair");
        templates.Select(t => (string)t!["key"]!).ShouldContain("trial-class");
    }
}
