using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>Tickets created with their type's template: values checked and kept, required-to-close fields guard the close.</summary>
[Collection(AppCollection.Name)]
public sealed class TicketForms(TestApp app)
{
    /// <summary>Valid values of the seeded 设备报修 form (售后维修, so the fault and photos fields show), plus <paramref name="extra"/>.</summary>
    internal static Dictionary<string, object?> Repair(params (string Key, object? Value)[] extra)
    {
        var values = new Dictionary<string, object?>
        {
            ["contact_name"] = "韩梅梅", ["mobile"] = "13912345678", ["service_kind"] = "售后维修",
            ["device_model"] = "KX-200 商用冰柜", ["fault"] = "压缩机不启动",
        };
        foreach (var (key, value) in extra) values[key] = value;
        return values;
    }

    [Fact]
    public async Task ATicketKeepsItsTemplatesVersionAndTheCleanedValues()
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("form"));
        request.Form = Repair(("question", "这个字段此时是隐藏的"));

        var created = await app.Tickets.CreateAsync(TestApp.Admin, request);

        var ticket = await app.LoadTicketAsync(created.Ticket.Row.Id);
        ticket.FormKey.ShouldBe("equipment-repair");
        ticket.FormVersion.ShouldBe(1);
        var stored = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ticket.FormValues!)!;
        stored["mobile"].GetString().ShouldBe("13912345678");
        stored.ShouldNotContainKey("question");  // hidden by its condition: dropped, never stored
    }

    [Fact]
    public async Task AFormWithMistakesNamesEachFieldAndSavesNothing()
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("form-bad"));
        request.Form = Repair(("mobile", "12345"), ("fault", null));

        var refused = await Should.ThrowAsync<InputRejectedException>(() => app.Tickets.CreateAsync(TestApp.Admin, request));

        refused.Errors.Select(e => e.Field).ShouldBe(["form.mobile", "form.fault"], ignoreOrder: true);
        await using var db = await app.DbAsync();
        (await db.Tickets.CountAsync(t => t.Title == request.Title)).ShouldBe(0);
    }

    [Fact]
    public async Task ResolvingWaitsForTheRequiredToCloseFieldsAndNamesThem()
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("form-close"));
        request.Form = Repair();
        var id = (await app.Tickets.CreateAsync(TestApp.Admin, request)).Ticket.Row.Id;
        var technician = (await app.TechnicianIdsAsync(Regions.East))[0];
        await app.Tickets.AssignAsync(TestApp.Admin, id, technician, null);
        foreach (var step in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress })
            await app.Tickets.TransitionAsync(TestApp.Admin, id, step, null);

        var refused = await Should.ThrowAsync<DomainRuleException>(() => app.Tickets.TransitionAsync(TestApp.Admin, id, TicketStatus.Resolved, null));
        refused.Code.ShouldBe("Ticket.FormIncomplete");
        refused.Message.ShouldContain("更换配件");
        refused.Message.ShouldContain("客户签名");

        var technicianScope = TestApp.Technician(technician, Regions.East);
        await app.Tickets.UpdateFormAsync(technicianScope, id, Repair(("parts_used", "压缩机启动电容"), ("signature", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg==")));
        var resolved = await app.Tickets.TransitionAsync(TestApp.Admin, id, TicketStatus.Resolved, null);

        resolved.Row.Status.ShouldBe(TicketStatus.Resolved);
        resolved.Events.ShouldContain(e => e.Kind == TicketEventKind.FieldChanged && e.Field == "Form");
    }

    [Fact]
    public async Task ATicketWithoutAFormClosesAsBefore()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");

        await Should.ThrowAsync<DomainRuleException>(() => app.Tickets.UpdateFormAsync(TestApp.Admin, ticket.Row.Id, Repair()));
        (await app.LoadTicketAsync(ticket.Row.Id)).FormKey.ShouldBeNull();
    }

    [Fact]
    public async Task ATypeWithoutAPublishedTemplateRefusesAForm()
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("form-none"), type: nameof(TicketType.Maintenance));
        request.Form = Repair();

        var refused = await Should.ThrowAsync<InputRejectedException>(() => app.Tickets.CreateAsync(TestApp.Admin, request));

        refused.Errors.ShouldHaveSingleItem().Code.ShouldBe("Form.NoTemplate");
    }
}
