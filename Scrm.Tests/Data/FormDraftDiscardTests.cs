using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class FormDraftDiscard(TestApp app)
{
    private static readonly AccessScope EastManager = TestApp.Scope("discard-manager-east", "华东经理 放弃草稿", AppRoles.Manager, false, Regions.East);

    private FormTemplates Forms => app.Get<FormTemplates>();

    [Fact]
    public async Task DiscardingDropsTheDraftKeepsThePublishedVersionAndIsAudited()
    {
        var key = await PublishedTemplateAsync();
        var draft = (await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("second", "第二版字段")])).Draft!;

        var after = await Forms.DiscardDraftAsync(TestApp.Admin, key, null);

        after.Draft.ShouldBeNull();
        var stored = await Forms.GetAsync(TestApp.Admin, key, null);
        stored.Versions.Select(v => (v.Number, v.Status)).ShouldBe([(1, FormVersionStatus.Published)]);
        stored.Published!.Fields.Select(f => f.Key).ShouldBe(["first"]);
        await using (var db = await app.DbAsync())
        {
            var deleted = await db.AuditEntries.SingleAsync(a => a.Entity == nameof(FormVersion) && a.EntityId == draft.Id.ToString() && a.Action == "Delete");
            deleted.UserId.ShouldBe(TestApp.Admin.Actor.Id);
            deleted.Before!.ShouldContain("\"Number\":2");
        }
        // The number is free again: the next draft is the next version after the published one.
        (await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("third", "再改")])).Draft!.Number.ShouldBe(2);
    }

    [Fact]
    public async Task AManagerMayNotDiscardTheHeadOfficeDraftOrAnotherRegionsButMayDiscardTheirOwn()
    {
        var key = await PublishedTemplateAsync();
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("second", "第二版字段")]);
        await Forms.SaveDraftAsync(TestApp.Admin, key, Regions.South, [Field("south", "华南字段")]);
        await Forms.SaveDraftAsync(EastManager, key, Regions.East, [Field("east", "华东字段")]);

        (await Should.ThrowAsync<AccessDeniedException>(() => Forms.DiscardDraftAsync(EastManager, key, null))).Code.ShouldBe("Form.HeadOfficeDenied");
        (await Should.ThrowAsync<AccessDeniedException>(() => Forms.DiscardDraftAsync(EastManager, key, Regions.South))).Code.ShouldBe("Form.RegionDenied");
        await Forms.DiscardDraftAsync(EastManager, key, Regions.East);

        (await Forms.GetAsync(TestApp.Admin, key, null)).Draft.ShouldNotBeNull();
        (await Forms.GetAsync(TestApp.Admin, key, Regions.South)).Draft.ShouldNotBeNull();
        (await Forms.GetAsync(TestApp.Admin, key, Regions.East)).Draft.ShouldBeNull();
    }

    [Fact]
    public async Task ATemplateWithoutADraftHasNothingToDiscard()
    {
        var key = await PublishedTemplateAsync();

        (await Should.ThrowAsync<DomainRuleException>(() => Forms.DiscardDraftAsync(TestApp.Admin, key, null))).Code.ShouldBe("Form.NoDraftToDiscard");
        (await Forms.GetAsync(TestApp.Admin, key, null)).Published!.Number.ShouldBe(1);
    }

    private async Task<string> PublishedTemplateAsync()
    {
        var key = $"discard-{Guid.NewGuid():N}"[..30];
        await Forms.CreateAsync(TestApp.Admin, key, "放弃草稿测试", "Discard test", TicketType.Inspection);
        await Forms.SaveDraftAsync(TestApp.Admin, key, null, [Field("first", "第一版字段")]);
        await Forms.PublishAsync(TestApp.Admin, key, null);
        return key;
    }

    private static FormField Field(string key, string label) => new() { Key = key, Type = FieldType.Text, LabelZh = label, MaxLength = 50 };
}
