using Scrm.Domain.Customers;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Sla;

/// <summary>
/// Demo calendars and policies. The 2026 holidays follow the State Council notice; the 2027 make-up days (调休) are
/// plausible guesses until the 2027 notice is out — check them before relying on them.
/// </summary>
public static class SampleSla
{
    public const string Workdays = "workdays";
    public const string RoundTheClock = "24x7";

    public static readonly IReadOnlyList<DateOnly> ChinaHolidays =
    [
        .. Days("2026-01-01", "2026-01-03"), // 元旦
        .. Days("2026-02-15", "2026-02-23"), // 春节
        .. Days("2026-04-04", "2026-04-06"), // 清明
        .. Days("2026-05-01", "2026-05-05"), // 劳动节
        .. Days("2026-06-19", "2026-06-21"), // 端午
        .. Days("2026-09-25", "2026-09-27"), // 中秋
        .. Days("2026-10-01", "2026-10-07"), // 国庆
        .. Days("2027-01-01", "2027-01-03"), // 元旦
        .. Days("2027-02-06", "2027-02-13"), // 春节
        .. Days("2027-04-03", "2027-04-05"), // 清明
        .. Days("2027-05-01", "2027-05-05"), // 劳动节
        .. Days("2027-06-09", "2027-06-09"), // 端午
        .. Days("2027-09-15", "2027-09-15"), // 中秋
        .. Days("2027-10-01", "2027-10-07"), // 国庆
    ];

    public static readonly IReadOnlyList<DateOnly> ChinaWorkingWeekends =
    [
        new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10),
        new(2027, 2, 20), new(2027, 4, 25), new(2027, 9, 26), new(2027, 10, 9),
    ];

    /// <summary>09:00–12:00 and 13:00–18:00, Monday to Friday.</summary>
    public static readonly IReadOnlyList<WorkingPeriod> OfficeWeek =
    [
        .. Enumerable.Range((int)DayOfWeek.Monday, 5).SelectMany(d => new[]
        {
            new WorkingPeriod((DayOfWeek)d, new(9, 0), new(12, 0)),
            new WorkingPeriod((DayOfWeek)d, new(13, 0), new(18, 0)),
        }),
    ];

    public static IReadOnlyList<BusinessCalendar> Calendars() =>
    [
        Office("总部工作日", null),
        Office("华东工作日", Regions.East),
        Office("华北工作日", Regions.North),
        Office("华南工作日", Regions.South),
        new() { Key = RoundTheClock, Name = "全天候（7×24）", TimeZoneId = "Asia/Shanghai", AlwaysOpen = true },
    ];

    /// <summary>50 % 提醒 → 75 % 主管 → 100 % 转备岗 + 经理 → 200 % 语音电话.</summary>
    public static IReadOnlyList<EscalationStep> StandardLadder(SlaMetric? metric = null) =>
    [
        new(50, EscalationAction.RemindAssignee, metric, null, "提醒处理人"),
        new(75, EscalationAction.NotifySupervisor, metric, "Dispatcher", "通知主管"),
        new(100, EscalationAction.ReassignToBackup, metric, "Dispatcher", "转派备岗"),
        new(100, EscalationAction.NotifyManager, metric, "Manager", "通知经理"),
        new(200, EscalationAction.VoiceCall, metric, "Manager", "严重超时语音电话"),
    ];

    public static IReadOnlyList<SlaPolicy> Policies() =>
    [
        new()
        {
            Key = "urgent", Name = "紧急", Order = 10, Priorities = [TicketPriority.Urgent],
            CalendarKey = RoundTheClock, FirstResponseMinutes = 30, ArrivalMinutes = 4 * 60, ResolutionMinutes = 8 * 60,
            Ladder = StandardLadder(),
        },
        new()
        {
            Key = "complaint", Name = "投诉", Order = 20, TicketTypes = [TicketType.Complaint],
            CalendarKey = Workdays, FirstResponseMinutes = 120, Ladder = StandardLadder(SlaMetric.FirstResponse),
        },
        new()
        {
            Key = "gold", Name = "金牌客户", Order = 30,
            CustomerTiers = [CustomerTier.Gold, CustomerTier.Platinum],
            CalendarKey = Workdays, FirstResponseMinutes = 60, ArrivalMinutes = 8 * 60, ResolutionMinutes = 24 * 60,
            Ladder = StandardLadder(),
        },
        new()
        {
            Key = "standard", Name = "标准", Order = 100,
            CalendarKey = Workdays, FirstResponseMinutes = 120, ArrivalMinutes = 24 * 60, ResolutionMinutes = 72 * 60,
            Ladder = StandardLadder(),
        },
    ];

    private static BusinessCalendar Office(string name, string? region) => new()
    {
        Key = Workdays, Name = name, Region = region, TimeZoneId = "Asia/Shanghai", Week = OfficeWeek,
        Holidays = ChinaHolidays, WorkingWeekends = ChinaWorkingWeekends,
    };

    private static IEnumerable<DateOnly> Days(string first, string last)
    {
        for (var day = DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
             day <= DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture); day = day.AddDays(1))
            yield return day;
    }
}
