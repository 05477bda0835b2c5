using System.Net;
using System.Net.Http.Json;
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

[Collection(ApiCollection.Name)]
public sealed class TicketFormApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    private static object WithForm(object form) => new
    {
        title = "冰柜不制冷", type = "Repair",
        customer = new { name = "韩梅梅", phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
        site = new { address = "上海市测试路 9 号", city = "上海" },
        form,
    };

    [Fact]
    public async Task ACreateWithTheTemplatesValuesKeepsThem()
    {
        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, WithForm(new
        {
            contact_name = "韩梅梅", mobile = "13912345678", service_kind = "售后维修", device_model = "KX-200", fault = "不制冷",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AFormWithAWrongValueAnswersAValidationProblemNamingTheFormField()
    {
        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, WithForm(new
        {
            contact_name = "韩梅梅", mobile = "12345", service_kind = "售后维修", device_model = "KX-200", fault = "不制冷", unknown = "x",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["form.mobile", "form.unknown"], ignoreOrder: true);
    }
}
