using Scrm.Domain.Common;
using Scrm.Domain.Geo;

namespace Scrm.Domain.Dispatch;

/// <summary>A field engineer: where they work, what they can do and how well.</summary>
public sealed class Technician : IAuditable, IHasDomainEvents
{
    private readonly List<TechnicianSkill> _skills = [];
    private readonly List<DomainEvent> _domainEvents = [];

    private Technician() { }

    public Technician(string name, string phone, City homeCity, TechnicianLevel level)
    {
        Name = Guard.Text(name, "name", 100);
        Phone = PhoneNumber.Parse(phone);
        City = homeCity.Name;
        Region = homeCity.Region;
        Lat = homeCity.Lat;
        Lng = homeCity.Lng;
        Level = level;
        Status = TechnicianStatus.Available;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string City { get; private set; } = "";
    public string Region { get; private set; } = "";
    public double Lat { get; private set; }
    public double Lng { get; private set; }
    public TechnicianLevel Level { get; private set; }
    public TechnicianStatus Status { get; private set; }

    /// <summary>Average customer rating, 1–5; null until rated.</summary>
    public double? Rating { get; private set; }

    /// <summary>How many customer ratings <see cref="Rating"/> averages, and their stars in total, so the average stays exact.</summary>
    public int RatingCount { get; private set; }
    public long RatingStars { get; private set; }

    /// <summary>The sign-in account of this technician, when they have one.</summary>
    public string? UserId { get; private set; }

    public IReadOnlyCollection<TechnicianSkill> Skills => _skills.AsReadOnly();

    /// <summary>Licences some work needs by law or by contract (特种设备作业证 for lifts, 电工证 for wiring).</summary>
    public List<string> Certifications { get; private set; } = [];

    /// <summary>The cities of their region they travel to; empty: the whole region.</summary>
    public List<string> ServiceCities { get; private set; } = [];

    /// <summary>At most this many jobs a day.</summary>
    public int DailyCap { get; private set; } = DefaultDailyCap;

    /// <summary>Working hours, in the business time zone.</summary>
    public TimeOnly ShiftStart { get; private set; } = new(8, 0);
    public TimeOnly ShiftEnd { get; private set; } = new(20, 0);

    /// <summary>When <see cref="Lat"/>/<see cref="Lng"/> were last reported by their phone; null while they are the home city's.</summary>
    public DateTimeOffset? PositionAt { get; private set; }

    /// <summary>What happened since the last save (a rating folded in); the write path stores and clears them.</summary>
    public IReadOnlyList<DomainEvent> DomainEvents => _domainEvents.AsReadOnly();

    long IHasDomainEvents.AggregateKey => Id;

    public void ClearDomainEvents() => _domainEvents.Clear();

    public const int DefaultDailyCap = 8;
    public const int MaxDailyCap = 30;

    public void Certify(string certification)
    {
        var name = Guard.Text(certification, "certification", 40);
        if (!Certifications.Contains(name)) Certifications = [.. Certifications, name];
    }

    public void ServeCities(IEnumerable<string> cities) => ServiceCities = cities.Distinct().ToList();

    public void SetShift(TimeOnly start, TimeOnly end, int dailyCap)
    {
        if (dailyCap is < 0 or > MaxDailyCap)
            throw new DomainRuleException("Technician.DailyCapOutOfRange", $"A daily cap is 0 to {MaxDailyCap} jobs.", "dailyCap", MaxDailyCap);
        (ShiftStart, ShiftEnd, DailyCap) = (start, end, dailyCap);
    }

    /// <summary>
    /// Whether <paramref name="localTime"/> falls in their working hours; a night shift (22:00–06:00) runs over
    /// midnight, and a shift that ends when it starts is round the clock (on call).
    /// </summary>
    public bool IsOnShift(TimeOnly localTime) => ShiftStart == ShiftEnd || localTime.IsBetween(ShiftStart, ShiftEnd);

    /// <summary>Takes a reported position unless a later one is already known (pings may arrive out of order).</summary>
    public bool MoveTo(GeoPoint position, DateTimeOffset at)
    {
        if (PositionAt is { } known && known >= at) return false;
        (Lat, Lng, PositionAt) = (position.Lat, position.Lng, at);
        return true;
    }

    public void AddSkill(string skill, int level)
    {
        if (level is < 1 or > 5)
            throw new DomainRuleException("Skill.LevelOutOfRange", "Skill level is 1 to 5.", "level");
        var name = Guard.Text(skill, "skill", 40);
        _skills.RemoveAll(s => s.Skill == name);
        _skills.Add(new TechnicianSkill(name, level));
    }

    public void Rate(double rating) =>
        Rating = rating is >= 1 and <= 5 ? Math.Round(rating, 2)
            : throw new DomainRuleException("Rating.OutOfRange", "A rating is 1 to 5.", "rating");

    /// <summary>Folds one customer rating (1–5 stars) into the average, announced by <see cref="TechnicianRated"/>.</summary>
    public void AddRating(int stars, DateTimeOffset at = default)
    {
        if (stars is < 1 or > 5)
            throw new DomainRuleException("Rating.StarsOutOfRange", "A rating is 1 to 5 stars.", "stars", 1, 5);
        RatingCount++;
        RatingStars += stars;
        Rating = Math.Round((double)RatingStars / RatingCount, 2);
        // Several ratings folded before one save (the demo seed's) need one announcement: the last average.
        _domainEvents.RemoveAll(e => e is TechnicianRated);
        _domainEvents.Add(new TechnicianRated(Region, Rating.Value) { AggregateId = Id, OccurredAt = at });
    }

    public void SetStatus(TechnicianStatus status) => Status = status;

    /// <summary>A technician works the tickets of their own region only.</summary>
    public bool Serves(string region) => Region == region;

    public void LinkAccount(string userId) => UserId = userId;
}

public sealed class TechnicianSkill : IAuditable
{
    private TechnicianSkill() { }

    internal TechnicianSkill(string skill, int level)
    {
        Skill = skill;
        Level = level;
    }

    public long Id { get; private set; }
    public long TechnicianId { get; private set; }
    public string Skill { get; private set; } = "";
    public int Level { get; private set; }
}
