using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>The Admin's list of parked events at /admin/events: one row per parked event, a retry button on each.</summary>
public sealed class ParkedEventsPage(IPage page)
{
    public const string Title = "搁置的事件";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Title });

    public ILocator ShowResolved => page.GetByLabel("显示已解决的");

    public ILocator Rows => page.Locator("[data-testid=parked-table] tbody tr.parked-row");

    /// <summary>The row of the event at <paramref name="outboxId"/> in the outbox.</summary>
    public ILocator Row(long outboxId) => Rows.Filter(new()
    {
        Has = page.Locator("[data-testid=parked-outbox-id]", new() { HasTextRegex = new Regex($@"^\s*{outboxId}\s*$") }),
    });

    public ILocator Retry(string handler, long outboxId) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"重试 {handler} 的事件 #{outboxId}", Exact = true });

    public ILocator Snackbar(string text) => page.Locator(".mud-snackbar", new() { HasTextString = text });
}
