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
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Roboto", "sans-serif"] },
        },
    };
}
