using System.Globalization;

namespace Scrm.Tests.Components;

/// <summary>Renders in a given UI language for the length of a test, then puts the previous one back.</summary>
internal sealed class UiCulture : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    private UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    /// <summary>The app's default language (SharedResource.resx holds the Chinese texts).</summary>
    public static UiCulture Chinese() => new("zh-CN");

    /// <summary>The language under the switch (SharedResource.en.resx).</summary>
    public static UiCulture English() => new("en");

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;
}
