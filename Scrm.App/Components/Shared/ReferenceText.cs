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
/// The reference names' English comes from the reference data itself (<see cref="ReferenceData"/>'s CSV files).
/// </summary>
public static class ReferenceText
{
    // strings.tsv is where translators keep region and role names; the titles below are built from those.
    private static readonly ResourceManager Texts = new(typeof(SharedResource));

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly Dictionary<string, string> Skills = InEnglish(ReferenceData.Skills);

    private static readonly Dictionary<string, string> Industries = InEnglish(ReferenceData.Industries);

    private static readonly Dictionary<string, string> ContactRoles = InEnglish(ReferenceData.ContactRoles);

    private static readonly Dictionary<string, string> Cities = InEnglish(ReferenceData.CityNames);

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
    /// A user's display name in <paramref name="culture"/>: names read "[region]role person" (华东经理 周明, 客服 王芳,
    /// 华东仓管孙强, 技师·张伟) or are a title alone (系统管理员, 华东调度); the title is translated, the person's own name
    /// never is. A name that does not start with a known title is shown as stored.
    /// </summary>
    public static string Person(string name, CultureInfo? culture = null)
    {
        if (!IsEnglish(culture)) return name;
        // The longest known title the name starts with: 系统管理员 before 系统, 华东经理 before a bare region.
        foreach (var length in Enumerable.Range(1, name.Length).Reverse())
        {
            if (TitleInEnglish(name[..length]) is not { } english) continue;
            var rest = name[length..];
            var person = rest.TrimStart(Separators);
            // Glued to the title without a separator only a Chinese name counts (华东仓管孙强); other text means the
            // "title" was the start of some other word.
            if (person.Length > 0 && person.Length == rest.Length && !IsHan(person[0])) continue;
            return person.Length == 0 ? english : $"{english} {person}";
        }
        return name;
    }

    /// <summary>What people put between a title and a name.</summary>
    private static readonly char[] Separators = [' ', '\u3000', '·', '・', '-', '—', ':', '：', '/', '|'];

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

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

    private static Dictionary<string, string> InEnglish(IEnumerable<ReferenceName> names) => names.ToDictionary(n => n.Chinese, n => n.English);

    private static string InLanguage(Dictionary<string, string> english, string name, CultureInfo? culture) =>
        IsEnglish(culture) && english.TryGetValue(name, out var en) ? en : name;
}
