using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;

namespace Scrm.Bench.Dispatch;

/// <summary>
/// 10,000 technicians as a large eastern-China service company has them: clustered in eight cities, thinning out
/// into the suburbs, a mix of skills, certificates, ratings, caps and shifts. Seeded, so runs compare.
/// </summary>
internal static class SuggestionWorkforce
{
    public static readonly (string Name, GeoPoint Centre, double Share)[] Cities =
    [
        ("上海", new(31.2304, 121.4737), 0.30), ("杭州", new(30.2741, 120.1551), 0.15),
        ("南京", new(32.0603, 118.7969), 0.15), ("苏州", new(31.2990, 120.5853), 0.12),
        ("宁波", new(29.8683, 121.5440), 0.08), ("合肥", new(31.8206, 117.2272), 0.08),
        ("无锡", new(31.4912, 120.3119), 0.07), ("常州", new(31.8107, 119.9741), 0.05),
    ];

    private static readonly string[] Skills = ["维修", "安装", "保养"];
    private static readonly string[] Certificates = ["电工证", "高空作业证", "制冷证"];

    public static List<TechnicianFacts> Technicians(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count).Select(id =>
        {
            var (home, centre) = City(random);
            var cap = random.NextDouble() < 0.2 ? 0 : random.Next(4, 11);
            return new TechnicianFacts(id, $"师傅{id}", Regions.East,
                random.NextDouble() < 0.5 ? new HashSet<string>() : new HashSet<string> { home },
                Skills.Where(_ => random.NextDouble() < 0.6).ToDictionary(s => s, _ => random.Next(1, 6)),
                Certificates.Where(_ => random.NextDouble() < 0.3).ToHashSet(),
                random.NextDouble() < 0.2 ? null : Math.Round(1 + 4 * random.NextDouble(), 1),
                OpenJobs: random.Next(0, 10), JobsToday: random.Next(0, (cap == 0 ? 8 : cap) + 2), DailyCap: cap,
                Position: Near(random, centre, 0.15), OnShift: random.NextDouble() < 0.85, OnLeave: random.NextDouble() < 0.05);
        }).ToList();
    }

    /// <summary>A repair job at a random place: mostly in a city, sometimes out between them.</summary>
    public static DispatchJob Job(Random random, long ticketId)
    {
        var (city, centre) = City(random);
        var site = random.NextDouble() < 0.85 ? Near(random, centre, 0.2)
            : new GeoPoint(29.5 + 3 * random.NextDouble(), 117 + 5 * random.NextDouble());
        return new DispatchJob(ticketId, Regions.East, city, site, Skills[random.Next(Skills.Length)], random.Next(1, 4),
            random.NextDouble() < 0.2 ? Certificates[random.Next(Certificates.Length)] : null, null);
    }

    private static (string Name, GeoPoint Centre) City(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (name, centre, share) in Cities)
        {
            if (roll < share) return (name, centre);
            roll -= share;
        }
        return (Cities[0].Name, Cities[0].Centre);
    }

    private static GeoPoint Near(Random random, GeoPoint centre, double spreadDegrees)
    {
        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        var angle = 2 * Math.PI * random.NextDouble();
        return new GeoPoint(centre.Lat + spreadDegrees * radius * Math.Cos(angle), centre.Lng + spreadDegrees * radius * Math.Sin(angle));
    }
}
