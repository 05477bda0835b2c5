using System.Globalization;
using Microsoft.Extensions.Localization;
using Scrm.App.Resources;
using Scrm.Domain.Dispatch.Scoring;

namespace Scrm.App.Features.Dispatch.ControlRoom;

/// <summary>The scoring engine's codes in the user's language: criteria, modes and the reason behind each score.</summary>
public static class DispatchTexts
{
    public static string Criterion(this IStringLocalizer<SharedResource> l, DispatchCriterion criterion) => criterion switch
    {
        DispatchCriterion.ServiceArea => l["Dispatch.Criterion.ServiceArea"],
        DispatchCriterion.Skill => l["Dispatch.Criterion.Skill"],
        DispatchCriterion.Certification => l["Dispatch.Criterion.Certification"],
        DispatchCriterion.Rating => l["Dispatch.Criterion.Rating"],
        DispatchCriterion.Workload => l["Dispatch.Criterion.Workload"],
        DispatchCriterion.Distance => l["Dispatch.Criterion.Distance"],
        DispatchCriterion.Availability => l["Dispatch.Criterion.Availability"],
        DispatchCriterion.DedicatedTechnician => l["Dispatch.Criterion.DedicatedTechnician"],
        _ => criterion.ToString(),
    };

    public static string Mode(this IStringLocalizer<SharedResource> l, CriterionMode mode) => mode switch
    {
        CriterionMode.Off => l["Dispatch.Mode.Off"],
        CriterionMode.Filter => l["Dispatch.Mode.Filter"],
        _ => l["Dispatch.Mode.Weighted"],
    };

    /// <summary>"咖啡机 4 级（需 1 级）", "12.3 公里，约 39 分钟": the reason codes are resource keys, their args the values.</summary>
    public static string Reason(this IStringLocalizer<SharedResource> l, CriterionScore score)
    {
        try
        {
            var text = l[score.Reason, score.Args];
            return text.ResourceNotFound ? score.Reason : text.Value;
        }
        catch (FormatException)
        {
            return score.Reason;
        }
    }

    public static string Points(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
