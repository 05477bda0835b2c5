using MudBlazor;

namespace Scrm.App.Components.Layout;

/// <summary>The app's colours and fonts, written into the page head once by App.razor (see MainLayout for why).</summary>
public static class ScrmTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fbf",
            AppbarBackground = "#173f7a",
            Secondary = "#0f7b6c",
            // MudBlazor's default status colours (#00c853, #ff9800, #2196f3, #f44336) fail WCAG AA (4.5:1) with white text
            // on a filled chip, button or badge, and as text on white (axe color-contrast). These darker shades pass both
            // ways (5.1, 5.0, 4.8, 5.6), and MudBlazor derives their -darken/-lighten variants (alert text) from them.
            Success = "#2e7d32",
            Warning = "#b45309",
            Info = "#0277bd",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Roboto", "sans-serif"] },
        },
    };
}
