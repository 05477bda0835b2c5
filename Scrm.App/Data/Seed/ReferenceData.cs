using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scrm.Domain.Geo;

namespace Scrm.App.Data.Seed;

/// <summary>A reference name as stored (Chinese, as users enter it) and as the English UI shows it.</summary>
public sealed record ReferenceName(string Chinese, string English);

/// <summary>
/// The reference data shipped inside the app as CSV files beside this class, each with both names: cities and their
/// regions (WGS-84 city centres, cities.csv), skills (skills.csv), industries (industries.csv) and contact roles
/// (contact-roles.csv). Whoever adds a row gives its English name in the same line, so no translation goes missing.
/// </summary>
public static class ReferenceData
{
    private static readonly List<string[]> CityRows = Read("cities.csv", "region,city,city_en,province,lat,lng");

    public static IReadOnlyList<City> Cities { get; } = CityRows
        .Select(f => new City(f[1], f[3], f[0], new GeoPoint(
            double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture))))
        .ToList();

    /// <summary>Every served city's two names (上海 → Shanghai).</summary>
    public static IReadOnlyList<ReferenceName> CityNames { get; } = CityRows.Select(f => new ReferenceName(f[1], f[2])).ToList();

    public static IReadOnlyList<ReferenceName> Skills { get; } = Names("skills.csv");

    public static IReadOnlyList<ReferenceName> Industries { get; } = Names("industries.csv");

    public static IReadOnlyList<ReferenceName> ContactRoles { get; } = Names("contact-roles.csv");

    private static readonly Dictionary<string, City> ByName = Cities.ToDictionary(c => c.Name);

    /// <summary>The served city of that name, or null; no database round trip.</summary>
    public static City? FindCity(string name) => ByName.GetValueOrDefault(name);

    public static async Task LoadCitiesAsync(ScrmDbContext db, CancellationToken ct)
    {
        var known = await db.Cities.Select(c => c.Name).ToListAsync(ct);
        var missing = Cities.Where(c => !known.Contains(c.Name)).ToList();
        if (missing.Count == 0) return;
        db.Cities.AddRange(missing.Select(c => new City(c.Name, c.Province, c.Region, new GeoPoint(c.Lat, c.Lng))));
        await db.SaveChangesAsync(ct);
    }

    private static List<ReferenceName> Names(string file) =>
        Read(file, "name,name_en").Select(f => new ReferenceName(f[0], f[1])).ToList();

    /// <summary>The rows of an embedded CSV file (no quoting: names hold no commas), after checking its header.</summary>
    private static List<string[]> Read(string file, string header)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("Scrm.App.Data.Seed." + file)
            ?? throw new InvalidOperationException($"{file} is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] != header) throw new InvalidOperationException($"{file} must start with the header {header}.");
        var width = header.Split(',').Length;
        return lines.Skip(1).Select(line => line.Split(',').Select(f => f.Trim()).ToArray())
            .Select(f => f.Length == width && f.All(v => v.Length > 0) ? f
                : throw new InvalidOperationException($"{file}: \"{string.Join(',', f)}\" needs {width} non-empty fields."))
            .ToList();
    }
}
