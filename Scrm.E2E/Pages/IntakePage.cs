using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>The public H5 form at /s/{key}: a static page, usable as soon as it has loaded (there is no circuit to wait for).</summary>
public sealed class IntakePage(IPage page)
{
    public Task OpenAsync(string templateKey) => page.GotoAsync($"/s/{templateKey}");

    /// <summary>A text, number, date or select input by its label.</summary>
    public ILocator Input(string label) => page.GetByLabel(label, new() { Exact = false });

    public Task ChooseAsync(string option) => page.GetByRole(AriaRole.Radio, new() { Name = option }).CheckAsync();

    public Task ChooseCityAsync(string city) => Input("所在城市").SelectOptionAsync(city);

    /// <summary>The block of one template field (or "_city", "_address" for the intake's own), shown or hidden.</summary>
    public ILocator Field(string key) => page.Locator($"[data-testid='field-{key}']");

    public ILocator ErrorFor(string key) => page.Locator($"[data-testid='error-{key}']");

    public ILocator Errors => page.Locator("[data-testid=intake-errors]");

    public Task SubmitAsync() => page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

    public ILocator Thanks => page.Locator("[data-testid=intake-thanks]");

    public ILocator TicketNumber => page.Locator("[data-testid=ticket-number]");
}
