using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Features.Intake;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;
using FieldType = Scrm.Domain.Forms.FieldType;

namespace Scrm.Tests.Components;

/// <summary>The designer's 公开链接 tab: the public intake address of the template and its QR code.</summary>
[Collection(AppCollection.Name)]
public sealed class FormDesignerIntakeLink(TestApp app) : FormDesignerContext(app)
{
    private const string Tab = "公开链接";

    [Fact]
    public async Task APublishedTemplateShowsItsLinkToCopyAndItsQrCodeToDownload()
    {
        using var _ = UiCulture.Chinese();
        var key = await PublishedTemplateAsync();
        var cut = await OpenAsAdminAsync(key);

        await ShowTabAsync(cut, Tab);

        cut.WaitForAssertion(() => cut.Find("input[data-testid=intake-link-url]").GetAttribute("value").ShouldBe($"http://localhost/s/{key}"));
        cut.Find("img[data-testid=intake-qr]").GetAttribute("src").ShouldBe($"s/{key}/qr.png");
        var download = cut.Find("a[data-testid=intake-qr-download]");
        (download.GetAttribute("href"), download.GetAttribute("download")).ShouldBe(($"s/{key}/qr.png", $"{key}-qr.png"));
        cut.FindAll("[data-testid=intake-link-unpublished]").ShouldBeEmpty();

        await cut.Find("[data-testid=intake-link-copy]").ClickAsync(new MouseEventArgs());
        JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments.ShouldBe([$"http://localhost/s/{key}"]);
        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("链接已复制"));
    }

    [Fact]
    public async Task AnUnpublishedTemplateSaysItsLinkWorksOncePublished()
    {
        using var _ = UiCulture.Chinese();
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        var cut = await OpenAsAdminAsync(key);

        await ShowTabAsync(cut, Tab);

        cut.WaitForAssertion(() => cut.Find("[data-testid=intake-link-unpublished]").TextContent.ShouldContain("模板发布后，公开链接和二维码才能使用"));
        cut.FindAll("[data-testid=intake-qr]").ShouldBeEmpty();
        cut.FindAll("[data-testid=intake-link-url]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ARegionVariantsLinkCarriesItsRegionAndSaysWhenItStillShowsTheHeadOfficeForm()
    {
        using var _ = UiCulture.Chinese();
        var key = await PublishedTemplateAsync();
        var cut = await OpenAsAdminAsync(key);
        await ChooseAsync(cut, "designer-region", "华东");
        cut.WaitForAssertion(() => cut.Find("[data-testid=designer-template-name]").TextContent.ShouldContain("华东"));

        await ShowTabAsync(cut, Tab);

        var query = "?region=" + Uri.EscapeDataString(Regions.East);
        cut.WaitForAssertion(() => cut.Find("input[data-testid=intake-link-url]").GetAttribute("value").ShouldBe($"http://localhost/s/{key}{query}"));
        cut.Find("img[data-testid=intake-qr]").GetAttribute("src").ShouldBe($"s/{key}/qr.png{query}");
        cut.Find("a[data-testid=intake-qr-download]").GetAttribute("download").ShouldBe($"{key}-{Regions.East}-qr.png");
        cut.Find("[data-testid=intake-link-variant-unpublished]").TextContent.ShouldContain("此链接目前显示总部表单");
    }

    [Fact]
    public async Task TheLinkUsesTheConfiguredPublicAddressLikeTheQrCodeDoes()
    {
        using var _ = UiCulture.Chinese();
        Services.Configure<IntakeOptions>(o => o.PublicBaseUrl = "https://scrm.example.cn/");
        var key = await PublishedTemplateAsync();
        var cut = await OpenAsAdminAsync(key);

        await ShowTabAsync(cut, Tab);

        cut.WaitForAssertion(() => cut.Find("input[data-testid=intake-link-url]").GetAttribute("value").ShouldBe($"https://scrm.example.cn/s/{key}"));
        cut.Find("img[data-testid=intake-qr]").GetAttribute("src").ShouldBe($"s/{key}/qr.png", "the image still comes from this site");
    }

    private async Task<string> PublishedTemplateAsync()
    {
        var key = await NewTemplateAsync(Field("contact", FieldType.Text, "联系人"));
        await Templates.PublishAsync(TestApp.Admin, key, null);
        return key;
    }
}
