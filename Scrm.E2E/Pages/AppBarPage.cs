using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>The top bar every interactive page has: title, and on a phone the account menu with language and sign-out.</summary>
public sealed class AppBarPage(IPage page)
{
    public const string AccountMenuLabel = "账户菜单";

    public ILocator Bar => page.Locator("header.mud-appbar");

    public ILocator AccountMenu => page.GetByRole(AriaRole.Button, new() { Name = AccountMenuLabel });

    public ILocator MenuItem(string name) => page.GetByRole(AriaRole.Menuitem, new() { Name = name });

    public ILocator SignOut => page.Locator("[data-testid=account-logout]");

    public Task OpenAccountMenuAsync() => AccountMenu.ClickAsync();

    /// <summary>The texts in the bar that run over more than one line (a label squeezed to one character per line shows here).</summary>
    public Task<string[]> WrappedTextsAsync() => Bar.EvaluateAsync<string[]>("""
        bar => [...bar.querySelectorAll('*')]
            .filter(e => e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(e => {
                const range = document.createRange();
                range.selectNodeContents(e);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                return tops.size > 1;
            })
            .map(e => e.textContent.trim())
        """);
}
