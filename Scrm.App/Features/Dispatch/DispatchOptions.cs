namespace Scrm.App.Features.Dispatch;

/// <summary>The "Dispatch" settings.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>How long GPS pings are kept (the day's trail needs one day; disputes need more).</summary>
    public int PositionRetentionDays { get; set; } = 30;

    /// <summary>The most pings one request may carry.</summary>
    public int MaxPingsPerBatch { get; set; } = 500;

    /// <summary>Average travel speed for ETAs where a city has none of its own.</summary>
    public double DefaultSpeedKmh { get; set; } = 25;

    /// <summary>Average travel speed by city (Chinese name), e.g. {"上海": 18} for dense traffic.</summary>
    public Dictionary<string, double> CitySpeedsKmh { get; set; } = [];

    /// <summary>
    /// How often dispatch's in-memory roster is read again from the database in full, for what no event announces:
    /// shifts starting and ending, a new day's job count, technicians added or edited.
    /// </summary>
    public int RosterReloadSeconds { get; set; } = 60;

    /// <summary>How long a server keeps the dispatch policies it read; its own saves clear them at once, another server's are seen after this.</summary>
    public int PolicyCacheSeconds { get; set; } = 60;

    public double SpeedIn(string city) => CitySpeedsKmh.TryGetValue(city, out var speed) && speed > 0 ? speed : DefaultSpeedKmh;
}
