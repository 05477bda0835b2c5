using System.Globalization;
using Scrm.App.Data.Seed;

namespace Scrm.App.Components.Shared;

/// <summary>
/// Reference names (skills, industries, contact roles) are stored in Chinese, as users enter them. The English UI shows
/// the catalogued ones by their English name; a name the catalog does not know is shown as stored.
/// </summary>
public static class ReferenceText
{
    private static readonly Dictionary<string, string> Skills = DemoCatalog.Skills.ToDictionary(s => s.Chinese, s => s.English);

    private static readonly Dictionary<string, string> Industries = DemoCatalog.Industries.ToDictionary(i => i.Name, i => i.EnglishName);

    private static readonly Dictionary<string, string> ContactRoles = DemoCatalog.ContactRoles.Append(DemoCatalog.HeadOfficeRole)
        .ToDictionary(r => r.Chinese, r => r.English);

    /// <summary>A technician's skill in <paramref name="culture"/> (the current UI language by default).</summary>
    public static string Skill(string name, CultureInfo? culture = null) => InLanguage(Skills, name, culture);

    /// <summary>A customer's industry in <paramref name="culture"/> (the current UI language by default).</summary>
    public static string Industry(string name, CultureInfo? culture = null) => InLanguage(Industries, name, culture);

    /// <summary>A customer contact's role in <paramref name="culture"/> (the current UI language by default).</summary>
    public static string ContactRole(string name, CultureInfo? culture = null) => InLanguage(ContactRoles, name, culture);

    private static string InLanguage(Dictionary<string, string> english, string name, CultureInfo? culture) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en" && english.TryGetValue(name, out var en) ? en : name;
}
