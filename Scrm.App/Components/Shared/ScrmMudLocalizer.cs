using Microsoft.Extensions.Localization;
using MudBlazor;
using Scrm.App.Resources;

namespace Scrm.App.Components.Shared;

/// <summary>
/// MudBlazor's own texts (pager, "Required", converter errors) from strings.tsv: MudBlazor key <c>X</c> is our key
/// <c>Mud.X</c>. A key we do not carry reports not found, and MudBlazor falls back to its built-in English.
/// </summary>
public sealed class ScrmMudLocalizer(IStringLocalizer<SharedResource> texts) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] => Rename(key, texts[Prefix + key]);

    public override LocalizedString this[string key, params object[] arguments] => Rename(key, texts[Prefix + key, arguments]);

    private static LocalizedString Rename(string key, LocalizedString found) =>
        new(key, found.Value, found.ResourceNotFound, found.SearchedLocation);
}
