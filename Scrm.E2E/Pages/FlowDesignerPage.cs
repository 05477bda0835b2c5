using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>
/// The flow designer at /designer/flows: flows on the left, then the palette of node kinds, the diagram canvas and the
/// selected node's or link's properties, with the problems and the version history below.
/// </summary>
public sealed class FlowDesignerPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "流程设计" });

    public ILocator Canvas => page.Locator("[data-testid=flow-canvas]");

    /// <summary>The draggable palette entry of a node kind (Start, Task, Approval …).</summary>
    public ILocator PaletteItem(string kind) => page.Locator($"[data-testid=palette-{kind}]");

    public ILocator Node(string id) => page.Locator($"[data-testid=flow-node-{id}]");

    public ILocator Links => Canvas.Locator("g.diagram-link");

    public ILocator Problems => page.Locator("[data-testid=flow-problem]");

    public ILocator NoProblems => page.Locator("[data-testid=flow-no-problems]");

    public ILocator Save => page.Locator("[data-testid=flow-save]");

    public ILocator Publish => page.Locator("[data-testid=flow-publish]");

    public ILocator HistoryStatus(int version) => page.Locator($"[data-testid=flow-history-v{version}] [data-testid=flow-history-status]");

    public ILocator Snackbar(string text) => page.Locator(".mud-snackbar", new() { HasTextString = text });

    public async Task CreateFlowAsync(string key, string name, string? ticketType = null)
    {
        await page.Locator("input[data-testid=flow-key]").FillAsync(key);
        await page.Locator("input[data-testid=flow-name]").FillAsync(name);
        if (ticketType is not null) await ChooseAsync("flow-type", ticketType);
        await page.Locator("[data-testid=flow-create]").ClickAsync();
    }

    /// <summary>Picks <paramref name="option"/> in the MudSelect marked <paramref name="testId"/>.</summary>
    public async Task ChooseAsync(string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>Types into a number field of the selected node's properties and leaves it, as a person would.</summary>
    public async Task SetNumberAsync(string testId, int value)
    {
        var input = page.Locator($"input[data-testid={testId}]");
        await input.FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    /// <summary>
    /// A link drawn with the mouse from the out port of <paramref name="from"/> to the in port of <paramref name="to"/>;
    /// returns once the canvas shows it, as a person would look before drawing the next one.
    /// </summary>
    public async Task ConnectAsync(string from, string to)
    {
        var before = await Links.CountAsync();
        var source = await Node(from).Locator(".diagram-port.right").BoundingBoxAsync() ?? throw new InvalidOperationException($"{from} has no out port");
        var target = await Node(to).Locator(".diagram-port.left").BoundingBoxAsync() ?? throw new InvalidOperationException($"{to} has no in port");
        await page.Mouse.MoveAsync(source.X + source.Width / 2, source.Y + source.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(Links).ToHaveCountAsync(before + 1);
    }
}
