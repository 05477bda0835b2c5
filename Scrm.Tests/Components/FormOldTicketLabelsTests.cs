using Bunit;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;
using FieldType = Scrm.Domain.Forms.FieldType;

namespace Scrm.Tests.Components;

/// <summary>A ticket's form values on its page are labelled by the version it was created with, whatever was published since.</summary>
[Collection(AppCollection.Name)]
public sealed class FormOldTicketLabels : AppComponentContext
{
    public FormOldTicketLabels(TestApp app) : base(app) => SignIn("华东调度 表单", AppRoles.Dispatcher, Regions.East);

    [Fact]
    public async Task AnOldTicketKeepsItsVersionsLabelsAndFieldsAfterANewVersionIsPublished()
    {
        using var _ = UiCulture.Chinese();
        var templates = App.Get<FormTemplates>();
        var key = $"t-{Guid.NewGuid():N}"[..24];
        await templates.CreateAsync(TestApp.Admin, key, "巡检记录", "Inspection", TicketType.Inspection);
        FormField store = new() { Key = "store_code", Type = FieldType.Text, LabelZh = "门店编号" };
        FormField floor = new() { Key = "floor", Type = FieldType.Text, LabelZh = "楼层" };
        await templates.SaveDraftAsync(TestApp.Admin, key, null, [store, floor]);
        await templates.PublishAsync(TestApp.Admin, key, null);
        // v2 renames one field and drops the other.
        await templates.SaveDraftAsync(TestApp.Admin, key, null, [store with { LabelZh = "网点代码" }, new FormField { Key = "inspector", Type = FieldType.Text, LabelZh = "巡检员" }]);
        await templates.PublishAsync(TestApp.Admin, key, null);

        var cut = Render<TicketFormValues>(p => p
            .Add(v => v.Form, new TicketFormView(key, 1, null, """{"store_code":"SH-0021","floor":"B1"}"""))
            .Add(v => v.Region, Regions.East));

        cut.WaitForAssertion(() => cut.Find("tr[data-key=store_code] th").TextContent.ShouldBe("门店编号"));
        cut.Find("tr[data-key=store_code] td").TextContent.ShouldBe("SH-0021");
        cut.Find("tr[data-key=floor] th").TextContent.ShouldBe("楼层");
        cut.Find("tr[data-key=floor] td").TextContent.ShouldBe("B1");
        cut.FindAll("tr[data-key=inspector]").ShouldBeEmpty();
    }
}
