using Scrm.Domain.Common;
using Scrm.Domain.Geo;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>What dispatch knows about a technician at the moment of choosing, read from the database and the last ping.</summary>
/// <param name="ServiceCities">The cities they cover; empty means the whole region.</param>
/// <param name="Skills">Skill → level 1–5.</param>
/// <param name="Rating">Average customer rating 1–5; null until rated.</param>
/// <param name="DailyCap">Most jobs a day; 0 when none is set (<see cref="DefaultDailyCap"/> applies).</param>
public sealed record TechnicianFacts(
    long Id,
    string Name,
    string Region,
    IReadOnlySet<string> ServiceCities,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlySet<string> Certifications,
    double? Rating,
    int OpenJobs,
    int JobsToday,
    int DailyCap,
    GeoPoint Position,
    bool OnShift,
    bool OnLeave)
{
    /// <summary>When <see cref="Position"/> was reported; null for a position nobody reported (the home city).</summary>
    public DateTimeOffset? PositionAt { get; init; }

    /// <summary>A day of one-hour visits, for technicians whose cap was never set.</summary>
    public const int DefaultDailyCap = 8;

    // Scores must stay within 0..1: the index's pruning bound relies on it.
    public double? Rating { get; init; } = Rating is null or (>= 1 and <= 5) ? Rating
        : throw new DomainRuleException("Rating.OutOfRange", "A rating is 1 to 5.", "rating");

    public IReadOnlyDictionary<string, int> Skills { get; init; } = Skills.Values.All(level => level is >= 1 and <= 5) ? Skills
        : throw new DomainRuleException("Skill.LevelOutOfRange", "Skill level is 1 to 5.", "skills");

    public int OpenJobs { get; init; } = NotNegative(OpenJobs, "openJobs");

    public int JobsToday { get; init; } = NotNegative(JobsToday, "jobsToday");

    public int DailyCap { get; init; } = NotNegative(DailyCap, "dailyCap");

    /// <summary>The daily cap in force.</summary>
    public int Capacity => DailyCap > 0 ? DailyCap : DefaultDailyCap;

    private static int NotNegative(int value, string field) => value >= 0 ? value
        : throw new DomainRuleException("Field.Negative", $"{field} cannot be negative.", field);
}
