using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E.Pages;

/// <summary>
/// The form designer at /designer/forms: templates on the left, then the palette of field types, the canvas of the
/// form's fields and the selected field's properties, with preview and version history in tabs.
/// </summary>
public sealed class FormDesignerPage(IPage page)
{
    public const string Title = "表单设计";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Title });

    public ILocator Canvas => page.Locator("[data-testid=designer-canvas]");

    /// <summary>The draggable palette entry of a field type, by the name shown (单行文本, 勾选框 …).</summary>
    public ILocator PaletteItem(string typeName) =>
        page.Locator(".mud-drop-item", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = $"添加字段：{typeName}", Exact = true }) });

    /// <summary>The keyboard way to add a field: the + beside the type.</summary>
    public ILocator AddButton(string typeName) => page.GetByRole(AriaRole.Button, new() { Name = $"添加字段：{typeName}", Exact = true });

    public ILocator CanvasFields => Canvas.Locator(".designer-field");

    public ILocator CanvasField(string key) =>
        CanvasFields.Filter(new() { Has = page.Locator("[data-testid=canvas-field-key]", new() { HasTextString = key }) });

    public ILocator LabelZh => page.Locator("input[data-testid=prop-label-zh]");

    public ILocator AddCondition => page.GetByRole(AriaRole.Button, new() { Name = "添加条件" });

    public ILocator Problems => page.Locator("[data-testid=designer-problem]");

    public ILocator Publish => page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true });

    public ILocator State => page.Locator("[data-testid=designer-state]");

    public ILocator PreviewField(string key) => page.Locator($"[data-testid=designer-preview] [data-testid=field-{key}]");

    public ILocator HistoryRow(int version) => page.Locator($"[data-testid=history-v{version}]");

    /// <summary>On the 公开链接 tab: the public intake address, its QR code and the link that downloads the code.</summary>
    public ILocator IntakeLink => page.Locator("input[data-testid=intake-link-url]");

    public ILocator IntakeQr => page.GetByRole(AriaRole.Img, new() { Name = "公开链接的二维码" });

    public ILocator DownloadQr => page.GetByRole(AriaRole.Link, new() { Name = "下载二维码（PNG）" });

    public ILocator Snackbar(string text) => page.Locator(".mud-snackbar", new() { HasTextString = text });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/designer/forms");
        await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Heading.WaitForAsync();
    }

    /// <summary>An Admin's new head-office template; the designer opens it.</summary>
    public async Task CreateTemplateAsync(string key, string nameZh, string nameEn)
    {
        await page.Locator("input[data-testid=template-key]").FillAsync(key);
        await page.Locator("input[data-testid=template-name-zh]").FillAsync(nameZh);
        await page.Locator("input[data-testid=template-name-en]").FillAsync(nameEn);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建模板" }).ClickAsync();
        await page.Locator("[data-testid=designer-template-name]", new() { HasTextString = key }).WaitForAsync();
    }

    /// <summary>
    /// Selects a field on the canvas by its key, opening its properties. The panel is made anew for each selection, so
    /// typing into it too early goes to the panel being replaced: the selected field is not clicked again, and a newly
    /// selected one is waited for.
    /// </summary>
    public async Task SelectAsync(string key)
    {
        var select = CanvasField(key).Locator(".designer-field-select");
        if (await select.GetAttributeAsync("aria-pressed") == "true") return;
        await select.ClickAsync();
        await Expect(page.Locator("input[data-testid=prop-key]")).ToHaveValueAsync(key);
    }

    /// <summary>Types a label and leaves the input, as a person does; the designer takes it on change.</summary>
    public async Task SetLabelAsync(string label)
    {
        await LabelZh.FillAsync(label);
        await LabelZh.PressAsync("Tab");
    }

    /// <summary>Waits until the QR code image has finished loading, then gives its natural width: 0 for a broken image.</summary>
    public async Task<int> IntakeQrWidthAsync()
    {
        await page.WaitForFunctionAsync("() => document.querySelector('img[data-testid=intake-qr]')?.complete === true");
        return await IntakeQr.EvaluateAsync<int>("img => img.naturalWidth");
    }

    public Task ShowTabAsync(string name) => page.GetByRole(AriaRole.Tab, new() { Name = name }).ClickAsync();
}
