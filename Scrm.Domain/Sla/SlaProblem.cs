namespace Scrm.Domain.Sla;

/// <summary>Why a calendar or a policy cannot be used; <see cref="Code"/> is a stable key the UI localises.</summary>
public sealed record SlaProblem(string Code, string Message, IReadOnlyList<object> Args)
{
    internal SlaProblem(string code, string message, params object[] args) : this(code, message, (IReadOnlyList<object>)args) { }
}

/// <summary>The codes of <see cref="SlaProblem"/>.</summary>
public static class SlaProblemCodes
{
    public const string MissingKey = "Sla.MissingKey";
    public const string UnknownTimeZone = "Sla.UnknownTimeZone";
    public const string NoWorkingHours = "Sla.NoWorkingHours";
    public const string EmptyPeriod = "Sla.EmptyPeriod";
    public const string OverlappingPeriods = "Sla.OverlappingPeriods";
    /// <summary>A make-up working day (调休) that is not a Saturday or Sunday, or is also a holiday.</summary>
    public const string BadWorkingWeekend = "Sla.BadWorkingWeekend";
    public const string MissingCalendar = "Sla.MissingCalendar";
    public const string NoTarget = "Sla.NoTarget";
    public const string BadTarget = "Sla.BadTarget";
    public const string BadPercent = "Sla.BadPercent";
    public const string LadderNotAscending = "Sla.LadderNotAscending";
    /// <summary>A ladder step for a metric the policy does not measure would never fall due.</summary>
    public const string StepMetricNotMeasured = "Sla.StepMetricNotMeasured";
}
