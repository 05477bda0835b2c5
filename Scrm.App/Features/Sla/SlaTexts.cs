using System.Globalization;
using Scrm.Domain.Sla;

namespace Scrm.App.Features.Sla;

/// <summary>
/// The Chinese wording of SLA lines written onto a ticket's timeline: stored text, like comments, so it is in the
/// business's language whoever reads it (screens translate the metric names they show themselves).
/// </summary>
public static class SlaTexts
{
    public static string Metric(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => "响应",
        SlaMetric.Arrival => "到场",
        _ => "解决",
    };

    public static string Duration(TimeSpan span) =>
        span.TotalMinutes < 60 || span.TotalMinutes % 60 != 0
            ? $"{(int)span.TotalMinutes} 分钟"
            : $"{(int)span.TotalHours} 小时";

    public static string Local(DateTimeOffset? instant, BusinessCalendar calendar) => instant is { } at
        ? TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZoneId)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : "—";
}
