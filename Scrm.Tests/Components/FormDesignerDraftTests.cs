using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;
using FieldType = Scrm.Domain.Forms.FieldType;

namespace Scrm.Tests.Components;

/// <summary>What happens to edits not published yet: discarding a draft, and not losing unsaved edits by leaving.</summary>
[Collection(AppCollection.Name)]
public sealed class FormDesignerDrafts(TestApp app) : FormDesignerContext(app)
{
    [Fact]
    public async Task DiscardingTheDraftAsksFirstThenGoesBackToThePublishedVersion()
    {
        using var _ = UiCulture.Chinese();
        var key = await DraftOverPublishedAsync();
        var cut = await OpenAsAdminAsync(key);
        CanvasKeys(cut).ShouldBe(["contact", "extra"]);

        await ClickAndAnswerAsync(cut, "[data-testid=designer-discard]", "取消");
        CanvasKeys(cut).ShouldBe(["contact", "extra"]);
        (await Templates.GetAsync(TestApp.Admin, key, null)).Draft.ShouldNotBeNull();

        await ClickAndAnswerAsync(cut, "[data-testid=designer-discard]", "放弃草稿");

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("已放弃草稿，回到 v1"));
        CanvasKeys(cut).ShouldBe(["contact"]);
        cut.Find("[data-testid=designer-state]").TextContent.Trim().ShouldBe("已发布 v1");
        cut.FindAll("[data-testid=designer-discard]").ShouldBeEmpty();
        (await Templates.GetAsync(TestApp.Admin, key, null)).Draft.ShouldBeNull();
    }

    [Fact]
    public async Task UnsavedEditsOverAPublishedVersionAreDiscardedWithoutADraftOnTheServer()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        await Templates.PublishAsync(TestApp.Admin, key, null);
        var cut = await OpenAsAdminAsync(key);
        cut.FindAll("[data-testid=designer-discard]").ShouldBeEmpty("nothing differs from the published version yet");

        await cut.Find("[data-testid=palette-add-Phone]").ClickAsync(new MouseEventArgs());
        await ClickAndAnswerAsync(cut, "[data-testid=designer-discard]", "放弃草稿");

        cut.WaitForAssertion(() => CanvasKeys(cut).ShouldBe(["contact"]));
        (await Templates.GetAsync(TestApp.Admin, key, null)).Versions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ThereIsNoDiscardWithoutAPublishedVersionToGoBackTo()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));

        var cut = await OpenAsAdminAsync(key);

        cut.FindAll("[data-testid=designer-discard]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AManagerReadingTheHeadOfficeTemplateIsNotOfferedToDiscardItsDraft()
    {
        using var _ = UiCulture.Chinese();
        var key = await DraftOverPublishedAsync();
        SignIn("华东经理 草稿", AppRoles.Manager, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = RenderPage<FormDesignerPage>();
        await OpenTemplateAsync(cut, key);

        cut.FindAll("[data-testid=designer-discard]").ShouldBeEmpty();
    }

    [Fact]
    public async Task LeavingWithUnsavedEditsAsksFirstAndStaysWhenTheUserSaysSo()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        var cut = await OpenAsAdminAsync(key);
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        await cut.InvokeAsync(() => navigation.NavigateTo("/tickets"));
        cut.WaitForAssertion(() => navigation.History.First().State.ShouldBe(NavigationState.Succeeded, "nothing is unsaved yet"));
        cut.FindAll(".mud-dialog").ShouldBeEmpty();

        await cut.Find("[data-testid=palette-add-Phone]").ClickAsync(new MouseEventArgs());
        await cut.InvokeAsync(() => navigation.NavigateTo("/board"));
        await AnswerAsync(cut, "留在此页");
        cut.WaitForAssertion(() => navigation.History.First().State.ShouldBe(NavigationState.Prevented));
        CanvasKeys(cut).ShouldBe(["contact", "phone_1"]);

        await cut.InvokeAsync(() => navigation.NavigateTo("/board"));
        await AnswerAsync(cut, "不保存，离开");
        cut.WaitForAssertion(() => navigation.History.First().State.ShouldBe(NavigationState.Succeeded));
        navigation.Uri.ShouldBe("http://localhost/board");
    }

    [Fact]
    public async Task OpeningAnotherTemplateWithUnsavedEditsAsksFirst()
    {
        using var _ = UiCulture.Chinese();
        var other = await NewTemplateAsync(Field("other", FieldType.Text, "另一个"));
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        var cut = await OpenAsAdminAsync(key);
        await cut.Find("[data-testid=palette-add-Phone]").ClickAsync(new MouseEventArgs());

        await ClickAndAnswerAsync(cut, $"[data-testid=template-row-{other}]", "留在此页");
        cut.Find("[data-testid=designer-template-name]").TextContent.ShouldContain(key);
        CanvasKeys(cut).ShouldBe(["contact", "phone_1"]);

        await ClickAndAnswerAsync(cut, $"[data-testid=template-row-{other}]", "不保存，离开");
        cut.WaitForAssertion(() => cut.Find("[data-testid=designer-template-name]").TextContent.ShouldContain(other));
        CanvasKeys(cut).ShouldBe(["other"]);
    }

    [Fact]
    public async Task ChoosingARegionWithUnsavedEditsAsksFirstAndStillShowsTheHeadOfficeWhenTheUserStays()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        var cut = await OpenAsAdminAsync(key);
        await cut.Find("[data-testid=palette-add-Phone]").ClickAsync(new MouseEventArgs());

        await cut.Find("[data-testid=designer-region]").Closest(".mud-input-control")!.MouseDownAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty());
        var choose = cut.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == "华东").ClickAsync(new MouseEventArgs());
        await AnswerAsync(cut, "留在此页");
        await choose;

        cut.WaitForAssertion(() => cut.Find("[data-testid=designer-region]").TextContent.Trim().ShouldBe("总部模板"));
        cut.Find("[data-testid=designer-template-name]").TextContent.ShouldNotContain("华东");
        CanvasKeys(cut).ShouldBe(["contact", "phone_1"]);
    }

    /// <summary>A template published as v1 with one field, and a saved draft v2 that adds a second.</summary>
    private async Task<string> DraftOverPublishedAsync()
    {
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        await Templates.PublishAsync(TestApp.Admin, key, null);
        await Templates.SaveDraftAsync(TestApp.Admin, key, null, [Field("contact", FieldType.Text, "联系人"), Field("extra", FieldType.Text, "补充")]);
        return key;
    }

    private static IReadOnlyList<string> CanvasKeys(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll("[data-testid=designer-canvas] [data-testid=canvas-field-key]").Select(e => e.TextContent.Trim()).ToList();
}
