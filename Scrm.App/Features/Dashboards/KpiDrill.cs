using System.Globalization;

namespace Scrm.App.Features.Dashboards;

/// <summary>Where a tile, bar, cell or row of the dashboard leads: the ticket list's address parameters for the tickets it counts.</summary>
public static class KpiDrill
{
    /// <summary>The dashboard's filters as the list's parameters (tickets created in the period, any status), then <paramref name="extra"/>.</summary>
    public static Dictionary<string, object?> Query(KpiFilter filter, IReadOnlyDictionary<string, string?> extra)
    {
        var q = new Dictionary<string, object?>
        {
            ["from"] = Day(filter.From),
            ["to"] = Day(filter.To),
            // A team is its region until the model has teams.
            ["region"] = filter.Region ?? filter.Team,
            ["city"] = filter.City,
            ["type"] = filter.Type?.ToString(),
            ["priority"] = filter.Priority?.ToString(),
            ["all"] = "1",
        };
        foreach (var (key, value) in extra) q[key] = value;
        return q;
    }

    /// <summary>
    /// A tile's tickets on the period's days: closed then (Closed), resolved then (the figures measured at resolution: SLA,
    /// first-time fix, reopen rate's base, resolution time), open now (Open, backlog age), else created then (New, and the
    /// response, arrival, CSAT and money tiles, whose own days the list cannot filter by).
    /// </summary>
    public static Dictionary<string, string?> Tile(string key, KpiFilter filter) => key switch
    {
        "Open" or "BacklogAge" => new() { ["from"] = null, ["all"] = null },
        "Closed" => Moved("closed", filter),
        "SlaCompliance" or "FirstTimeFix" or "Reopen" or "ResolutionMedian" or "ResolutionP90" => Moved("resolved", filter),
        _ => [],
    };

    /// <summary>The period as a closed or resolved range instead of a creation range.</summary>
    private static Dictionary<string, string?> Moved(string field, KpiFilter filter) => new()
    {
        ["from"] = null,
        ["to"] = null,
        [field + "From"] = Day(filter.From),
        [field + "To"] = Day(filter.To),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
