using Microsoft.Playwright;

namespace Scrm.E2E.Infrastructure;

/// <summary>Layout checks shared by the phone-width tests.</summary>
public static class PageLayout
{
    /// <summary>
    /// Elements that stick out past the right edge of the screen. One inside a container that scrolls or clips sideways
    /// (the board's columns, a wide table) stays within its container, so only what escapes to the page counts.
    /// </summary>
    public static Task<string[]> OverflowingElementsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const clipped = e => {
                for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
                    if (getComputedStyle(p).overflowX !== 'visible') return true;
                return false;
            };
            return [...document.body.querySelectorAll('*')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1; })
                .filter(e => !clipped(e))
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
        }
        """);
}
