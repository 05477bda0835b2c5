using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Shared;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;
using FieldType = Scrm.Domain.Forms.FieldType;

namespace Scrm.Tests.Components;

/// <summary>Designing a template: the palette and canvas, properties, conditions, saving and publishing, region variants.</summary>
[Collection(AppCollection.Name)]
public sealed class FormDesigning(TestApp app) : FormDesignerContext(app)
{

    [Fact]
    public async Task AFieldTypeDraggedFromThePaletteLandsOnTheCanvasWhereItIsDropped()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"), Field("mobile", FieldType.Phone, "手机号"));
        var cut = await OpenAsAdminAsync(key);

        // Drag 多行文本 from the palette and drop it while over the first field: it goes in after it.
        await DragAsync(cut, PaletteItem(cut, FieldType.MultiLineText), over: CanvasItem(cut, 0));

        cut.WaitForAssertion(() => CanvasKeys(cut).ShouldBe(["contact", "text_1", "mobile"]));
        cut.Find("input[data-testid=prop-key]").GetAttribute("value").ShouldBe("text_1");
        cut.Find("[data-testid=designer-state]").TextContent.ShouldContain("有未保存的修改");
    }

    [Fact]
    public async Task FieldsAreReorderedByDragAndByTheUpAndDownButtons()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("a", FieldType.Text, "甲"), Field("b", FieldType.Text, "乙"), Field("c", FieldType.Text, "丙"));
        var cut = await OpenAsAdminAsync(key);

        await DragAsync(cut, CanvasItem(cut, 2), over: CanvasTop(cut));
        cut.WaitForAssertion(() => CanvasKeys(cut).ShouldBe(["c", "a", "b"]));

        await cut.Find("[data-testid=canvas-field-0] [data-testid=field-down]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => CanvasKeys(cut).ShouldBe(["a", "c", "b"]));
        await cut.Find("[data-testid=canvas-field-2] [data-testid=field-up]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => CanvasKeys(cut).ShouldBe(["a", "b", "c"]));
        await cut.Find("[data-testid=canvas-field-0] [data-testid=field-delete]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => CanvasKeys(cut).ShouldBe(["b", "c"]));
    }

    [Fact]
    public async Task EditedPropertiesShowOnTheCanvasAndABadKeyIsAProblemAtOnce()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        var cut = await OpenAsAdminAsync(key);
        cut.Find("[data-testid=designer-no-problems]").ShouldNotBeNull();

        await cut.Find("input[data-testid=prop-label-zh]").ChangeAsync(new ChangeEventArgs { Value = "报修联系人" });
        await cut.Find("input[data-testid=prop-required]").ChangeAsync(new ChangeEventArgs { Value = true });
        await cut.Find("input[data-testid=prop-key]").ChangeAsync(new ChangeEventArgs { Value = "Contact Name" });

        cut.WaitForAssertion(() => cut.Find("[data-testid=canvas-field-0] .designer-field-label").TextContent.ShouldBe("报修联系人"));
        cut.Find("[data-testid=canvas-field-0]").TextContent.ShouldContain("必填");
        cut.FindAll("[data-testid=designer-problem]").Select(p => p.TextContent.Trim())
            .ShouldBe(["Contact Name：「Contact Name」不是有效的字段标识：小写字母开头，只用小写字母、数字和下划线，最多 40 个字符"]);
    }

    [Fact]
    public async Task AConditionMadeInTheEditorShowsAndHidesTheFieldInThePreview()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync();
        var cut = await OpenAsAdminAsync(key);

        await cut.Find("[data-testid=palette-add-Checkbox]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=palette-add-Text]").ClickAsync(new MouseEventArgs());
        // The new text field is selected; its condition starts as "show while the checkbox before it is filled in".
        await cut.Find("[data-testid=condition-add]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("[data-testid=canvas-field-1]").TextContent.ShouldContain("满足时显示"));
        cut.FindAll("[data-testid=designer-problem]").ShouldBeEmpty();

        await ShowTabAsync(cut, "预览");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=field-checkbox_1]").ShouldHaveSingleItem());
        cut.FindAll("[data-testid=field-text_1]").ShouldBeEmpty();

        await cut.Find("[data-testid=field-checkbox_1] input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = true });
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=field-text_1]").ShouldHaveSingleItem());

        await cut.Find("[data-testid=field-checkbox_1] input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = false });
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=field-text_1]").ShouldBeEmpty());
    }

    [Fact]
    public async Task ARuleWrappedInNotHoldsWhileItsRuleDoesNotAndCanBeUnwrappedAgain()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync();
        var cut = await OpenAsAdminAsync(key);
        await cut.Find("[data-testid=palette-add-Checkbox]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=palette-add-Text]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=condition-add]").ClickAsync(new MouseEventArgs());

        // "Show while the checkbox is filled in" becomes "show while it is not".
        await cut.Find("[data-testid=rule-negate]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("[data-testid=condition-not] [data-testid=rule-field]"));
        cut.FindAll("[data-testid=condition-not] [data-testid=rule-negate]").ShouldBeEmpty("the rule inside a Not is not negated again");
        cut.FindAll("[data-testid=designer-problem]").ShouldBeEmpty();
        (await SavedRuleAsync(cut, key)).ShouldBeOfType<AllRule>().Rules.ShouldHaveSingleItem()
            .ShouldBeOfType<NotRule>().Rule.ShouldBeOfType<FieldRule>().FieldKey.ShouldBe("checkbox_1");

        await ShowTabAsync(cut, "预览");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=field-text_1]").ShouldHaveSingleItem());
        await cut.Find("[data-testid=field-checkbox_1] input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = true });
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=field-text_1]").ShouldBeEmpty());

        await ShowTabAsync(cut, "设计");
        cut.WaitForAssertion(() => cut.Find("[data-testid=rule-unnegate]"));
        await cut.Find("[data-testid=rule-unnegate]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=condition-not]").ShouldBeEmpty());
        (await SavedRuleAsync(cut, key)).ShouldBeOfType<AllRule>().Rules.ShouldHaveSingleItem()
            .ShouldBeOfType<FieldRule>().FieldKey.ShouldBe("checkbox_1");
    }

    [Fact]
    public async Task SavingAndPublishingGoThroughTheServiceAndTheNewVersionIsInTheHistory()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        var cut = await OpenAsAdminAsync(key);

        await cut.Find("[data-testid=palette-add-Phone]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=designer-save]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("草稿已保存（v1）"));
        (await Templates.GetAsync(TestApp.Admin, key, null)).Draft!.Fields.Select(f => f.Key).ShouldBe(["contact", "phone_1"]);

        await cut.Find("[data-testid=designer-publish]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("已发布 v1"));

        var stored = await Templates.GetAsync(TestApp.Admin, key, null);
        stored.Published!.Number.ShouldBe(1);
        stored.Published.Fields.Select(f => f.Key).ShouldBe(["contact", "phone_1"]);
        await ShowTabAsync(cut, "版本历史");
        cut.WaitForAssertion(() => cut.Find("[data-testid=history-v1] [data-testid=history-status]").TextContent.Trim().ShouldBe("已发布"));
    }

    [Fact]
    public async Task PublishPressedWhileTheSaveStillAwaitsTheDatabaseWaitsItsTurnAndPublishes()
    {
        // As in the flow designer: the press reaches the server before the greyed-out button reaches the browser.
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        var cut = await OpenAsAdminAsync(key);
        await cut.Find("[data-testid=palette-add-Phone]").ClickAsync(new MouseEventArgs());

        await PressDuringTheWriteAsync(cut, "[data-testid=designer-save]", "[data-testid=designer-working]", "[data-testid=designer-publish]");

        cut.WaitForAssertion(() => Snackbars(cut).ShouldBe(["草稿已保存（v1）", "已发布 v1"]));
        (await Templates.GetAsync(TestApp.Admin, key, null)).Published!.Fields.Select(f => f.Key).ShouldBe(["contact", "phone_1"]);
        cut.FindAll("[data-testid=designer-working]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ARefusedPublishNamesEveryProblemAndPublishesNothing()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync();
        var cut = await OpenAsAdminAsync(key);
        await cut.Find("[data-testid=palette-add-SingleSelect]").ClickAsync(new MouseEventArgs());
        // Both options removed: a select without options cannot be published.
        await cut.Find("[data-testid=option-remove]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=option-remove]").ClickAsync(new MouseEventArgs());
        await cut.Find("input[data-testid=prop-key]").ChangeAsync(new ChangeEventArgs { Value = "1st" });

        await cut.Find("[data-testid=designer-publish]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=publish-problem]").Select(p => p.TextContent.Trim()).ShouldBe(
        [
            "1st：「1st」不是有效的字段标识：小写字母开头，只用小写字母、数字和下划线，最多 40 个字符",
            "1st：选择字段没有选项",
        ]));
        Snackbars(cut).ShouldContain("表单有 2 处问题，无法发布");
        var stored = await Templates.GetAsync(TestApp.Admin, key, null);
        stored.Published.ShouldBeNull();
        stored.Draft!.Fields.Single().Key.ShouldBe("1st");
    }

    [Fact]
    public async Task AManagerSeesTheHeadOfficeTemplateReadOnlyAndTheServerRefusesTheirEdit()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        await Templates.PublishAsync(TestApp.Admin, key, null);

        SignIn("华东经理 表单", AppRoles.Manager, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = RenderPage<FormDesignerPage>();
        await OpenTemplateAsync(cut, key);

        cut.Find("[data-testid=designer-readonly]").TextContent.ShouldContain("总部模板只有系统管理员可以编辑");
        cut.Find("[data-testid=designer-save]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("[data-testid=designer-publish]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("[data-testid=palette-add-Text]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("[data-testid=canvas-field-0] [data-testid=field-delete]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("input[data-testid=prop-label-zh]").HasAttribute("disabled").ShouldBeTrue();
        cut.FindAll("[data-testid=template-new]").ShouldBeEmpty("only an Admin makes templates");

        var manager = TestApp.Scope("test-manager-east", "华东经理", AppRoles.Manager, allRegions: false, Regions.East);
        (await Should.ThrowAsync<AccessDeniedException>(() => Templates.SaveDraftAsync(manager, key, null, [Field("x", FieldType.Text, "越权")])))
            .Code.ShouldBe("Form.HeadOfficeDenied");
        (await Should.ThrowAsync<AccessDeniedException>(() => Templates.SaveDraftAsync(manager, key, Regions.South, [])))
            .Code.ShouldBe("Form.RegionDenied");
    }

    [Fact]
    public async Task AManagerHidesAHeadOfficeFieldAndAddsOneInTheirRegionsVariant()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"), Field("fax", FieldType.Text, "传真"));
        await Templates.PublishAsync(TestApp.Admin, key, null);
        SignIn("华东经理 区域", AppRoles.Manager, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = RenderPage<FormDesignerPage>();
        await OpenTemplateAsync(cut, key);

        await ChooseAsync(cut, "designer-region", "华东");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=designer-readonly]").ShouldBeEmpty());
        await cut.Find("input[data-testid=hide-fax]").ChangeAsync(new ChangeEventArgs { Value = true });
        await cut.Find("[data-testid=palette-add-Email]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=designer-publish]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("已发布 v1"));
        var variant = await Templates.GetAsync(TestApp.Admin, key, Regions.East);
        variant.Published!.HiddenKeys.ShouldBe(["fax"]);
        variant.Published.Fields.Select(f => f.Key).ShouldBe(["email_1"]);
        var form = (await Templates.ForIntakeAsync(key, Regions.East))!.Definition;
        form.Fields.Select(f => f.Key).ShouldBe(["contact", "email_1"]);
    }

    [Theory]
    [InlineData(AppRoles.Finance)]
    [InlineData(AppRoles.Dispatcher)]
    public void ARoleThatDoesNotDesignFormsIsToldSo(string role)
    {
        using var _ = UiCulture.Chinese();
        SignIn("不设计表单的人", role, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = RenderPage<FormDesignerPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=designer-refused]").TextContent.Trim().ShouldBe("您的角色无权设计工单模板"));
        cut.FindAll("[data-testid=designer-palette]").ShouldBeEmpty();
    }

    // ---- reading and acting ----

    /// <summary>Saves the draft and reads back the condition of its second field, as stored.</summary>
    private async Task<ConditionRule> SavedRuleAsync(IRenderedComponent<ContainerFragment> cut, string key)
    {
        await cut.Find("[data-testid=designer-save]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("[data-testid=designer-state]").TextContent.ShouldNotContain("有未保存的修改"));
        return (await Templates.GetAsync(TestApp.Admin, key, null)).Draft!.Fields[1].Condition!.When;
    }

    private static IReadOnlyList<string> CanvasKeys(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll("[data-testid=designer-canvas] [data-testid=canvas-field-key]").Select(e => e.TextContent.Trim()).ToList();

    private static IElement PaletteItem(IRenderedComponent<ContainerFragment> cut, FieldType type) =>
        cut.Find($"[data-testid=palette-{type}]").Closest(".mud-drop-item")!;

    private static IElement CanvasItem(IRenderedComponent<ContainerFragment> cut, int index) =>
        cut.Find($"[data-testid=canvas-field-{index}]").Closest(".mud-drop-item")!;

    /// <summary>The slot above the canvas's first field: a field held there goes to the top.</summary>
    private static IElement CanvasTop(IRenderedComponent<ContainerFragment> cut) =>
        cut.Find("[data-testid=designer-canvas] .mud-drop-item-preview-start");

    /// <summary>
    /// The browser's HTML5 drag as MudDropZone reads it: dragstart on the item, dragenter on the canvas and on the item
    /// it is held over (it lands just after that one), drop on the canvas.
    /// </summary>
    private static async Task DragAsync(IRenderedComponent<ContainerFragment> cut, IElement item, IElement over)
    {
        var overId = over.GetAttribute("id");
        await item.DragStartAsync(new DragEventArgs());
        await cut.Find("[data-testid=designer-canvas]").DragEnterAsync(new DragEventArgs());
        await cut.Find($"[id='{overId}']").DragEnterAsync(new DragEventArgs());
        await cut.Find("[data-testid=designer-canvas]").DropAsync(new DragEventArgs());
    }
}
