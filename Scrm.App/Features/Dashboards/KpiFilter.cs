using System.Globalization;
using Scrm.App.Data;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// What a dashboard shows: business days <see cref="From"/>–<see cref="To"/> (inclusive) and optional region, city,
/// team, type and priority. The page keeps it in its URL and the API takes the same names.
/// </summary>
public sealed record KpiFilter(DateOnly From, DateOnly To, string? Region = null, string? City = null, string? Team = null,
    TicketType? Type = null, TicketPriority? Priority = null)
{
    public const int MaxDays = 731;
    public const int DefaultDays = 30;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before this one: what each tile compares with.</summary>
    public KpiFilter Previous => this with { From = From.AddDays(-Days), To = From.AddDays(-1) };

    public static KpiFilter Default(DateOnly today) => new(today.AddDays(1 - DefaultDays), today);

    /// <summary>Query-string pairs for this filter (what the page puts in its URL and the API reads back).</summary>
    public IReadOnlyDictionary<string, string?> ToQuery() => new Dictionary<string, string?>
    {
        ["from"] = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["region"] = Region,
        ["city"] = City,
        ["team"] = Team,
        ["type"] = Type?.ToString(),
        ["priority"] = Priority?.ToString(),
    };

    /// <summary>
    /// Reads a filter from query values; per-field error codes (Error.&lt;code&gt; rows) for what does not parse or may
    /// not be seen by <paramref name="scope"/>. Missing dates default to the last 30 days.
    /// </summary>
    public static (KpiFilter? Filter, Dictionary<string, string[]> Errors) Parse(string? from, string? to, string? region, string? city,
        string? team, string? type, string? priority, DateOnly today, AccessScope scope)
    {
        var errors = new Dictionary<string, string[]>();
        var fallback = Default(today);
        var fromDay = Day(from, "from", fallback.From, errors);
        var toDay = Day(to, "to", fallback.To, errors);
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (fromDay > toDay) errors["to"] = ["Dashboards.ToBeforeFrom"];
            else if (toDay.DayNumber - fromDay.DayNumber + 1 > MaxDays) errors["to"] = ["Dashboards.RangeTooLong"];
        }
        region = Blank(region);
        if (region is not null && !Regions.All.Contains(region)) errors["region"] = ["Dashboards.UnknownRegion"];
        else if (region is not null && !scope.CanSeeRegion(region)) errors["region"] = ["Dashboards.RegionNotYours"];
        team = Blank(team);
        if (team is not null && (!Regions.All.Contains(team) || !scope.CanSeeRegion(team))) errors["team"] = ["Dashboards.UnknownTeam"];
        TicketType? ticketType = null;
        if (Blank(type) is { } t)
        {
            if (Enum.TryParse<TicketType>(t, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) ticketType = parsed;
            else errors["type"] = ["Dashboards.UnknownType"];
        }
        TicketPriority? ticketPriority = null;
        if (Blank(priority) is { } p)
        {
            if (Enum.TryParse<TicketPriority>(p, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) ticketPriority = parsed;
            else errors["priority"] = ["Dashboards.UnknownPriority"];
        }
        return errors.Count > 0
            ? (null, errors)
            : (new KpiFilter(fromDay, toDay, region, Blank(city), team, ticketType, ticketPriority), errors);
    }

    private static DateOnly Day(string? text, string field, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (Blank(text) is not { } value) return fallback;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[field] = ["Dashboards.BadDate"];
        return fallback;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
