using System.Globalization;
using Microsoft.Extensions.Localization;
using Scrm.App.Resources;

namespace Scrm.App.Features.Flows.Bottlenecks;

public static class BottleneckTexts
{
    /// <summary>A stay as people say it: minutes under two hours, hours under two days, then days.</summary>
    public static string Span(this IStringLocalizer<SharedResource> l, TimeSpan? span) => span switch
    {
        null => "—",
        { TotalHours: < 2 } s => l["Bottleneck.Minutes", Math.Round(s.TotalMinutes).ToString(CultureInfo.InvariantCulture)],
        { TotalDays: < 2 } s => l["Bottleneck.Hours", s.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)],
        { } s => l["Bottleneck.Days", s.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)],
    };
}
