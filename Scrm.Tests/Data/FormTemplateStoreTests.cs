using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Shared;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class FormTemplateStore(TestApp app)
{
    private static readonly AccessScope EastManager = TestApp.Scope("form-manager-east", "华东经理 测试", AppRoles.Manager, false, Regions.East);

    private FormTemplates Forms => app.Get<FormTemplates>();

    [Fact]
    public async Task TheFiveSeededTemplatesArePublishedAndServeTheirTicketTypes()
    {
        var rows = await Forms.ListAsync(TestApp.Admin);

        var headOffice = rows.Where(r => r.Region is null).Select(r => r.Key).ToList();
        foreach (var key in new[] { "equipment-repair", "installation", "return", "complaint", "trial-class" }) headOffice.ShouldContain(key);
        rows.Where(r => r.Key is "equipment-repair" or "return").ShouldAllBe(r => r.PublishedVersion >= 1);
        (await Forms.ForTicketAsync(TicketType.Return, Regions.North))!.Key.ShouldBe("return");
        (await Forms.ForTicketAsync(TicketType.Maintenance, Regions.North)).ShouldBeNull();
    }

    [Fact]
    public async Task ASchemaWithItsConditionsComesBackFromTheDatabaseAsItWasSaved()
    {
        var form = (await Forms.ForIntakeAsync("equipment-repair", null))!;

        // 故障描述 shows only for 售后维修: the condition survived the JSON column.
        var repair = form.Definition.Validate(new Dictionary<string, object?>
        {
            ["contact_name"] = "李雷", ["mobile"] = "13812345678", ["service_kind"] = "售后维修", ["device_model"] = "KX-200",
        });
        repair.Errors.ShouldContain(e => e.FieldKey == "fault" && e.Code == "Form.Required");
        var question = form.Definition.Validate(new Dictionary<string, object?>
        {
            ["contact_name"] = "李雷", ["mobile"] = "13812345678", ["service_kind"] = "产品咨询", ["device_model"] = "KX-200",
        });
        question.IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task ARegionsManagerEditsOnlyTheirVariantAndTicketsThereGetIt()
    {
        var key = await NewTemplateAsync(TicketType.Inspection);
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("site_code", "门店编号"), Field("note", "备注")]);
        await Forms.PublishAsync(TestApp.Admin, key, null);

        await Should.ThrowAsync<AccessDeniedException>(() => Forms.SaveDraftAsync(EastManager, key, null, [Field("x", "总部字段")]));
        await Should.ThrowAsync<AccessDeniedException>(() => Forms.SaveDraftAsync(EastManager, key, Regions.South, [Field("x", "华南字段")]));
        await Forms.SaveDraftAsync(EastManager, key, Regions.East, [Field("mall_floor", "商场楼层")], hiddenKeys: ["note"]);
        await Forms.PublishAsync(EastManager, key, Regions.East);

        var east = (await Forms.ForIntakeAsync(key, Regions.East))!;
        var south = (await Forms.ForIntakeAsync(key, Regions.South))!;
        east.Definition.Find("mall_floor").ShouldNotBeNull();
        east.Definition.Find("note").ShouldBeNull();
        (east.Version, east.VariantVersion, east.Region).ShouldBe((1, 1, Regions.East));
        south.Definition.Find("note").ShouldNotBeNull();
        south.VariantVersion.ShouldBeNull();
    }

    [Fact]
    public async Task APublishedVersionNeverChangesAndAnOldTicketStillReadsIt()
    {
        var key = await NewTemplateAsync(TicketType.Inspection, "old-version");
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("first", "第一版字段")]);
        await Forms.PublishAsync(TestApp.Admin, key, null);
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("second", "第二版字段")]);
        await Forms.PublishAsync(TestApp.Admin, key, null);

        var first = (await Forms.VersionAsync(key, 1, null, null))!;
        first.Find("first").ShouldNotBeNull();
        first.Find("second").ShouldBeNull();
        var template = await Forms.GetAsync(TestApp.Admin, key, null);
        template.Versions.Select(v => (v.Number, v.Status)).ShouldBe([(1, FormVersionStatus.Retired), (2, FormVersionStatus.Published)]);
    }

    [Fact]
    public async Task APublishIsSeenAtOnceThoughPublishedFormsAreKeptInMemory()
    {
        var key = await NewTemplateAsync(TicketType.Inspection, "fresh");
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("first", "第一版字段")]);
        await Forms.PublishAsync(TestApp.Admin, key, null);
        (await Forms.ForIntakeAsync(key, Regions.East))!.Version.ShouldBe(1);

        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("second", "第二版字段")]);
        (await Forms.ForIntakeAsync(key, Regions.East))!.Version.ShouldBe(1, "a draft is not what the public fills in");
        await Forms.PublishAsync(TestApp.Admin, key, null);

        var now = (await Forms.ForIntakeAsync(key, Regions.East))!;
        now.Version.ShouldBe(2);
        now.Definition.Find("second").ShouldNotBeNull();
        (await Forms.PublishedAsync()).Single(t => t.Key == key).Version.ShouldBe(2);
    }

    [Fact]
    public async Task ADraftsNumberIsReadAfreshUntilItIsPublished()
    {
        var key = await NewTemplateAsync(TicketType.Inspection, "draft-number");
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("early", "早期字段")]);
        (await Forms.VersionAsync(key, 1, null, null))!.Find("early").ShouldNotBeNull();

        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("later", "后加字段")]);

        var read = (await Forms.VersionAsync(key, 1, null, null))!;
        read.Find("later").ShouldNotBeNull();
        read.Find("early").ShouldBeNull();
    }

    [Fact]
    public async Task AFormThatCannotBeValidIsNotPublishedAndNothingChanges()
    {
        var key = await NewTemplateAsync(TicketType.Inspection, "invalid");
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("dup", "重复一"), Field("dup", "重复二")]);

        var refused = await Should.ThrowAsync<FormSchemaException>(() => Forms.PublishAsync(TestApp.Admin, key, null));

        refused.Problems.ShouldNotBeEmpty();
        (await Forms.GetAsync(TestApp.Admin, key, null)).Published.ShouldBeNull();
    }

    [Fact]
    public async Task OnlyAdminsAndManagersDesignAndOnlyAdminsMakeTemplates()
    {
        await Should.ThrowAsync<AccessDeniedException>(() => Forms.ListAsync(TestApp.Dispatcher(Regions.East)));
        await Should.ThrowAsync<AccessDeniedException>(() => Forms.CreateAsync(EastManager, "manager-made", "经理建的", null, TicketType.Repair));
        await using var db = await app.DbAsync();
        (await db.AuditEntries.CountAsync(a => a.Entity == nameof(FormTemplate))).ShouldBeGreaterThan(0);
    }

    private async Task<string> NewTemplateAsync(TicketType type, string prefix = "store")
    {
        var key = $"{prefix}-{Guid.NewGuid():N}"[..30];
        await Forms.CreateAsync(TestApp.Admin, key, "测试模板", "Test template", type);
        return key;
    }

    private static FormField Field(string key, string label) => new() { Key = key, Type = FieldType.Text, LabelZh = label, MaxLength = 50 };
}
