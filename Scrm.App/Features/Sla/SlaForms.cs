using System.Globalization;
using Scrm.App.Features.Shared;
using Scrm.Domain.Customers;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

/// <summary>A business calendar as the admin page edits it: times and dates as text until saved.</summary>
public sealed class CalendarForm
{
    public long? Id { get; init; }
    public long Version { get; init; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
    public bool AlwaysOpen { get; set; }
    public List<PeriodForm> Week { get; set; } = [];
    public List<DateOnly> Holidays { get; set; } = [];
    public List<DateOnly> WorkingWeekends { get; set; } = [];

    public static CalendarForm From(StoredCalendar stored) => new()
    {
        Id = stored.Id, Version = stored.Version, Key = stored.Calendar.Key, Name = stored.Calendar.Name, Region = stored.Calendar.Region,
        TimeZoneId = stored.Calendar.TimeZoneId, AlwaysOpen = stored.Calendar.AlwaysOpen,
        Week = stored.Calendar.Week.Select(p => new PeriodForm { Day = p.Day, From = p.From.ToString("HH:mm"), To = p.To.ToString("HH:mm") }).ToList(),
        Holidays = [.. stored.Calendar.Holidays.Order()],
        WorkingWeekends = [.. stored.Calendar.WorkingWeekends.Order()],
    };

    /// <summary>The calendar, or the fields whose text is no time at all (the domain checks the rest).</summary>
    public (BusinessCalendar? Calendar, IReadOnlyList<FieldError> Errors) ToCalendar()
    {
        var errors = new List<FieldError>();
        var week = new List<WorkingPeriod>();
        foreach (var p in Week)
        {
            if (Time(p.From) is { } from && Time(p.To) is { } to) week.Add(new WorkingPeriod(p.Day, from, to));
            else errors.Add(new FieldError("week", "Sla.BadTime", "Not a time.", $"{p.From}–{p.To}"));
        }
        if (errors.Count > 0) return (null, errors);
        return (new BusinessCalendar
        {
            Key = Key.Trim(), Name = Name.Trim(), Region = string.IsNullOrWhiteSpace(Region) ? null : Region, TimeZoneId = TimeZoneId.Trim(),
            AlwaysOpen = AlwaysOpen, Week = week, Holidays = [.. Holidays.Distinct().Order()], WorkingWeekends = [.. WorkingWeekends.Distinct().Order()],
        }, []);
    }

    public static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed class PeriodForm
{
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    public string From { get; set; } = "09:00";
    public string To { get; set; } = "18:00";
}

/// <summary>An SLA policy as the admin page edits it.</summary>
public sealed class PolicyForm
{
    public long? Id { get; init; }
    public long Version { get; init; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public int Order { get; set; } = 100;
    public IReadOnlyCollection<TicketPriority> Priorities { get; set; } = [];
    public IReadOnlyCollection<CustomerTier> CustomerTiers { get; set; } = [];
    public IReadOnlyCollection<string> Regions { get; set; } = [];
    public IReadOnlyCollection<TicketType> TicketTypes { get; set; } = [];
    public string CalendarKey { get; set; } = SampleSla.Workdays;
    public int? FirstResponseMinutes { get; set; }
    public int? ArrivalMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }
    public List<StepForm> Ladder { get; set; } = [];

    public static PolicyForm From(StoredPolicy stored) => new()
    {
        Id = stored.Id, Version = stored.Version, Key = stored.Policy.Key, Name = stored.Policy.Name, Order = stored.Policy.Order,
        Priorities = [.. stored.Policy.Priorities], CustomerTiers = [.. stored.Policy.CustomerTiers], Regions = [.. stored.Policy.Regions],
        TicketTypes = [.. stored.Policy.TicketTypes], CalendarKey = stored.Policy.CalendarKey,
        FirstResponseMinutes = stored.Policy.FirstResponseMinutes, ArrivalMinutes = stored.Policy.ArrivalMinutes,
        ResolutionMinutes = stored.Policy.ResolutionMinutes,
        Ladder = stored.Policy.Ladder.Select(s => new StepForm { AtPercent = s.AtPercent, Action = s.Action, Metric = s.Metric, Role = s.Role, Label = s.Label }).ToList(),
    };

    public SlaPolicy ToPolicy() => new()
    {
        Key = Key.Trim(), Name = Name.Trim(), Order = Order, Priorities = [.. Priorities.Distinct()], CustomerTiers = [.. CustomerTiers.Distinct()],
        Regions = [.. Regions.Distinct()], TicketTypes = [.. TicketTypes.Distinct()], CalendarKey = CalendarKey.Trim(),
        FirstResponseMinutes = FirstResponseMinutes, ArrivalMinutes = ArrivalMinutes, ResolutionMinutes = ResolutionMinutes,
        Ladder = Ladder.Select(s => new EscalationStep(s.AtPercent, s.Action, s.Metric, string.IsNullOrWhiteSpace(s.Role) ? null : s.Role,
            string.IsNullOrWhiteSpace(s.Label) ? null : s.Label)).ToList(),
    };
}

public sealed class StepForm
{
    public int AtPercent { get; set; } = 100;
    public EscalationAction Action { get; set; }
    public SlaMetric? Metric { get; set; }
    public string? Role { get; set; }
    public string? Label { get; set; }
}
