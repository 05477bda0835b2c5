using Scrm.App.Features.Shared;
using Scrm.Domain.Sla;

namespace Scrm.App.Features.Sla;

/// <summary>The domain's SLA problems as field errors: the field of the admin form each one belongs beside.</summary>
public static class SlaFieldErrors
{
    public static IReadOnlyList<FieldError> Of(IReadOnlyList<SlaProblem> problems) =>
        problems.Select(p => new FieldError(FieldOf(p), p.Code, p.Message, [.. p.Args])).ToList();

    public static string FieldOf(SlaProblem problem) => problem.Code switch
    {
        SlaProblemCodes.MissingKey => "key",
        SlaProblemCodes.UnknownTimeZone => "timeZoneId",
        SlaProblemCodes.NoWorkingHours or SlaProblemCodes.EmptyPeriod or SlaProblemCodes.OverlappingPeriods => "week",
        SlaProblemCodes.BadWorkingWeekend => "workingWeekends",
        SlaProblemCodes.MissingCalendar => "calendarKey",
        SlaProblemCodes.NoTarget => "targets",
        SlaProblemCodes.BadTarget when problem.Args is [SlaMetric metric, ..] => TargetField(metric),
        _ => "ladder",
    };

    public static string TargetField(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => "firstResponseMinutes",
        SlaMetric.Arrival => "arrivalMinutes",
        _ => "resolutionMinutes",
    };
}
