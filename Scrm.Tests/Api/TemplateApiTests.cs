using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;

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

    [Fact]
    public async Task ListsAPublishedRegionVariantWithItsVersion()
    {
        var forms = factory.Services.GetRequiredService<Scrm.App.Features.Forms.FormTemplates>();
        var key = $"t-{Guid.NewGuid():N}"[..24];
        await forms.CreateAsync(AccessScope.System, key, "门店巡检", "Store inspection", Scrm.Domain.Tickets.TicketType.Inspection);
        await forms.SaveDraftAsync(AccessScope.System, key, null,
            [new Scrm.Domain.Forms.FormField { Key = "store_code", Type = Scrm.Domain.Forms.FieldType.Text, LabelZh = "门店编号" }]);
        await forms.PublishAsync(AccessScope.System, key, null);
        await forms.SaveDraftAsync(AccessScope.System, key, "华东",
            [new Scrm.Domain.Forms.FormField { Key = "mall_floor", Type = Scrm.Domain.Forms.FieldType.Text, LabelZh = "商场楼层" }]);
        await forms.PublishAsync(AccessScope.System, key, "华东");

        var templates = JsonNode.Parse(await (await factory.Client().GetAsync("/api/v1/templates")).Content.ReadAsStringAsync())!.AsArray();

        var variants = templates.Single(t => (string)t!["key"]! == key)!["regionVariants"]!.AsArray();
        variants.Select(v => ((string)v!["region"]!, (int)v["version"]!)).ShouldBe([("华东", 1)]);
    }
}

[Collection(ApiCollection.Name)]
public sealed class TicketFormApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    private static object WithForm(object form, string? title = null) => new
    {
        title = title ?? "冰柜不制冷", type = "Repair",
        customer = new { name = "韩梅梅", phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
        site = new { address = "上海市测试路 9 号", city = "上海" },
        form,
    };

    [Fact]
    public async Task ACreateWithTheTemplatesValuesKeepsThem()
    {
        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, WithForm(new
        {
            contact_name = "韩梅梅", mobile = "13912345678", service_kind = "售后维修", device_model = "KX-200", fault = "冷柜不制冷",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (long)(await response.ReadObjectAsync())["id"]!;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        var ticket = await db.Tickets.SingleAsync(t => t.Id == id);
        ticket.FormKey.ShouldBe("equipment-repair");
        var values = System.Text.Json.JsonDocument.Parse(ticket.FormValues!).RootElement;
        values.GetProperty("fault").GetString().ShouldBe("冷柜不制冷");
        values.GetProperty("mobile").GetString().ShouldBe("13912345678");
    }

    [Fact]
    public async Task AResolveWhileARequiredToCloseFieldIsEmptyIsAProblemNamingTheField()
    {
        var created = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, WithForm(new
        {
            contact_name = "韩梅梅", mobile = "13912345678", service_kind = "售后维修", device_model = "KX-200", fault = "冷柜不制冷",
        }));
        var id = (long)(await created.ReadObjectAsync())["id"]!;
        var tickets = factory.Services.GetRequiredService<Scrm.App.Features.Tickets.TicketService>();
        long technician;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System))
            technician = await db.Technicians.Where(t => t.Region == "华东").OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        await tickets.AssignAsync(AccessScope.System, id, technician, null);
        foreach (var step in new[] { Scrm.Domain.Tickets.TicketStatus.Accepted, Scrm.Domain.Tickets.TicketStatus.EnRoute,
                     Scrm.Domain.Tickets.TicketStatus.OnSite, Scrm.Domain.Tickets.TicketStatus.InProgress })
            await tickets.TransitionAsync(AccessScope.System, id, step, null);

        var response = await _admin.PostAsJsonAsync($"{ApiRequests.TicketsPath}/{id}/transitions", new { to = "Resolved" });

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        ((string)problem["code"]!).ShouldBe("Ticket.FormIncomplete");
        ((string)problem["detail"]!).ShouldContain("更换配件");
        ((string)problem["detail"]!).ShouldContain("客户签名");
    }

    [Fact]
    public async Task AFormWithAWrongValueAnswersAValidationProblemNamingTheFormField()
    {
        var title = "表单有误 " + Guid.NewGuid().ToString("N")[..8];
        var response = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, WithForm(new
        {
            contact_name = "韩梅梅", mobile = "12345", service_kind = "售后维修", device_model = "KX-200", fault = "不制冷", unknown = "x",
        }, title));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["form.mobile", "form.unknown"], ignoreOrder: true);
        ((string)problem["codes"]!["form.mobile"]![0]!).ShouldBe("Form.PhoneInvalid");
        ((string)problem["codes"]!["form.unknown"]![0]!).ShouldBe("Form.UnknownField");
        // Nothing half-saved: no ticket, and no customer made for it either.
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        (await db.Tickets.CountAsync(t => t.Title == title)).ShouldBe(0);
    }
}
