using System.Globalization;
using System.Resources;
using Scrm.App.Data;
using Scrm.App.Data.Seed;
using Scrm.App.Resources;
using Scrm.Domain.Geo;

namespace Scrm.App.Components.Shared;

/// <summary>
/// Reference names (skills, industries, contact roles, cities) and the role titles in people's display names are stored
/// in Chinese, as users enter them. The English UI shows the known ones in English; anything else is shown as stored.
/// </summary>
public static class ReferenceText
{
    // strings.tsv is where translators keep region, role and city names; the titles below are built from those.
    private static readonly ResourceManager Texts = new(typeof(SharedResource));

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly Dictionary<string, string> Skills = DemoCatalog.Skills.ToDictionary(s => s.Chinese, s => s.English);

    private static readonly Dictionary<string, string> Industries = DemoCatalog.Industries.ToDictionary(i => i.Name, i => i.EnglishName);

    private static readonly Dictionary<string, string> ContactRoles = DemoCatalog.ContactRoles.Append(DemoCatalog.HeadOfficeRole)
        .ToDictionary(r => r.Chinese, r => r.English);

    private static readonly Dictionary<string, string> Cities = ReferenceData.Cities
        .Select(c => (c.Name, English: Texts.GetString("City." + c.Name, English)))
        .Where(c => c.English is not null).ToDictionary(c => c.Name, c => c.English!);

    private static readonly Dictionary<string, string> RegionNames = Regions.All.ToDictionary(r => r, r => Text("Region." + r, English));

    /// <summary>"经理" → "Manager": the role names the user admin page shows.</summary>
    private static readonly Dictionary<string, string> RoleNames = AppRoles.All
        .ToDictionary(r => Text("Admin.Role." + r, CultureInfo.InvariantCulture), r => Text("Admin.Role." + r, English));

    /// <summary>A technician's skill in <paramref name="culture"/> (the current UI language by default).</summary>
    public static string Skill(string name, CultureInfo? culture = null) => InLanguage(Skills, name, culture);

    /// <summary>A customer's industry in <paramref name="culture"/> (the current UI language by default).</summary>
    public static string Industry(string name, CultureInfo? culture = null) => InLanguage(Industries, name, culture);

    /// <summary>A customer contact's role in <paramref name="culture"/> (the current UI language by default).</summary>
    public static string ContactRole(string name, CultureInfo? culture = null) => InLanguage(ContactRoles, name, culture);

    /// <summary>A served city (上海 → Shanghai) in <paramref name="culture"/> (the current UI language by default).</summary>
    public static string City(string name, CultureInfo? culture = null) => InLanguage(Cities, name, culture);

    /// <summary>
    /// A user's display name in <paramref name="culture"/>: names read "[region]role person" (华东经理 周明, 客服 王芳) or
    /// are a title alone (系统管理员); the title is translated, the person's own name never is.
    /// </summary>
    public static string Person(string name, CultureInfo? culture = null)
    {
        if (!IsEnglish(culture)) return name;
        var space = name.IndexOf(' ');
        var (title, person) = space < 0 ? (name, "") : (name[..space], name[space..]);
        return TitleInEnglish(title) is { } english ? english + person : name;
    }

    private static string? TitleInEnglish(string title)
    {
        if (Texts.GetString("PersonTitle." + title, English) is { } whole) return whole;
        var region = Regions.All.FirstOrDefault(r => title.StartsWith(r, StringComparison.Ordinal));
        var role = RoleNames.GetValueOrDefault(region is null ? title : title[region.Length..]);
        return role is null ? null : region is null ? role : $"{RegionNames[region]} {role}";
    }

    private static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"strings.tsv has no {key}.");

    private static bool IsEnglish(CultureInfo? culture) => (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en";

    private static string InLanguage(Dictionary<string, string> english, string name, CultureInfo? culture) =>
        IsEnglish(culture) && english.TryGetValue(name, out var en) ? en : name;
}
