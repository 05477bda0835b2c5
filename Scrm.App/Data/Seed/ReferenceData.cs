using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scrm.Domain.Geo;

namespace Scrm.App.Data.Seed;

/// <summary>Cities and their regions (WGS-84 city centres), shipped inside the app as cities.csv.</summary>
public static class ReferenceData
{
    public static IReadOnlyList<City> Cities { get; } = ReadCities();

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

    private static List<City> ReadCities()
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("Scrm.App.Data.Seed.cities.csv")
            ?? throw new InvalidOperationException("cities.csv is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new City(f[1], f[2], f[0], new GeoPoint(
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture))))
            .ToList();
    }
}
