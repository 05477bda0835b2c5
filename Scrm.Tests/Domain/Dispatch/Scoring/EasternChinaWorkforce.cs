using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

/// <summary>
/// Random but plausible technicians and jobs around six cities of eastern China, for checking the index
/// against a full ranking. A few technicians stand exactly on a city's depot, so distances tie too.
/// </summary>
internal sealed class EasternChinaWorkforce(int seed)
{
    private static readonly (string Name, GeoPoint Centre)[] Cities =
    [
        ("上海", new(31.2304, 121.4737)), ("杭州", new(30.2741, 120.1551)), ("南京", new(32.0603, 118.7969)),
        ("苏州", new(31.2990, 120.5853)), ("宁波", new(29.8683, 121.5440)), ("合肥", new(31.8206, 117.2272)),
    ];

    private static readonly string[] Skills = ["维修", "安装", "保养"];
    private static readonly string[] Certificates = ["电工证", "高空作业证", "制冷证"];

    private readonly Random _random = new(seed);

    public List<TechnicianFacts> Technicians(int count) => Enumerable.Range(1, count).Select(i => Technician(i)).ToList();

    public TechnicianFacts Technician(long id)
    {
        var (home, centre) = Pick(Cities);
        var cap = Chance(0.2) ? 0 : _random.Next(4, 11);
        return new TechnicianFacts(id, $"师傅{id}",
            Chance(0.95) ? Regions.East : Regions.South,
            Chance(0.5) ? new HashSet<string>() : new HashSet<string> { home, Pick(Cities).Name },
            Skills.Where(_ => Chance(0.6)).ToDictionary(s => s, _ => _random.Next(1, 6)),
            Certificates.Where(_ => Chance(0.3)).ToHashSet(),
            Chance(0.2) ? null : Math.Round(1 + 4 * _random.NextDouble(), 1),
            OpenJobs: _random.Next(0, 10), JobsToday: _random.Next(0, (cap == 0 ? 8 : cap) + 2), DailyCap: cap,
            Position: Chance(0.03) ? centre : Near(centre, 0.15),
            OnShift: Chance(0.85), OnLeave: Chance(0.05));
    }

    /// <summary>The same technician after a ping: moved a little, with a different load.</summary>
    public TechnicianFacts Moved(TechnicianFacts technician) => technician with
    {
        Position = Near(technician.Position, 0.05),
        OpenJobs = _random.Next(0, 10),
        OnShift = Chance(0.85),
    };

    /// <summary>The same technician after a rating and a change of day: another average, load and availability.</summary>
    public TechnicianFacts Rerated(TechnicianFacts technician) => technician with
    {
        Rating = Math.Round(1 + 4 * _random.NextDouble(), 1),
        OpenJobs = _random.Next(0, 10),
        JobsToday = _random.Next(0, technician.Capacity + 2),
        OnLeave = Chance(0.05),
    };

    public DispatchJob Job(long ticketId, IReadOnlyList<TechnicianFacts> workforce)
    {
        var (city, centre) = Pick(Cities);
        // Most jobs in a city; some out in the country between them.
        var site = Chance(0.85) ? Near(centre, 0.2) : new GeoPoint(28 + 6 * _random.NextDouble(), 116 + 7 * _random.NextDouble());
        long? dedicated = _random.NextDouble() switch
        {
            < 0.3 => Pick(workforce).Id,
            < 0.35 => 999_999,
            _ => null,
        };
        return new DispatchJob(ticketId, Regions.East, city, site, Pick(Skills), _random.Next(1, 5),
            Chance(0.3) ? Pick(Certificates) : null, dedicated);
    }

    /// <summary>Any mix of modes and weights, whole numbers half the time so that totals tie.</summary>
    public DispatchWeights Weights() => new(Enum.GetValues<DispatchCriterion>().Select(c => new CriterionRule(c,
        _random.NextDouble() switch { < 0.25 => CriterionMode.Off, < 0.45 => CriterionMode.Filter, _ => CriterionMode.Weighted },
        Chance(0.5) ? _random.Next(0, 6) : Math.Round(100 * _random.NextDouble(), 2))));

    public TravelModel Travel() => new(_random.Next(15, 41), Pick(new double[] { 5, 20, 50, 120 }));

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private GeoPoint Near(GeoPoint centre, double spreadDegrees)
    {
        // Box–Muller: technicians thin out from the centre the way a city's streets do.
        var radius = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble()));
        var angle = 2 * Math.PI * _random.NextDouble();
        return new GeoPoint(Math.Clamp(centre.Lat + spreadDegrees * radius * Math.Cos(angle), -89, 89),
            Math.Clamp(centre.Lng + spreadDegrees * radius * Math.Sin(angle), -179, 179));
    }
}
