using Scrm.Domain.Customers;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Sla;

/// <summary>
/// Which tickets get which targets. A ticket takes the first policy by <see cref="Order"/> whose conditions all hold;
/// each condition is a set of allowed values (a list in JSON, order
/// and repeats meaningless), an empty one matching anything. Targets are minutes of working time in the calendar <see cref="CalendarKey"/>
/// (null: the metric is not measured). Stored as JSON (<see cref="Scrm.Domain.Common.DomainJson"/>).
/// </summary>
public sealed record SlaPolicy
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";

    /// <summary>Lower is tried first.</summary>
    public int Order { get; init; }
    public IReadOnlyList<TicketPriority> Priorities { get; init; } = [];
    public IReadOnlyList<CustomerTier> CustomerTiers { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<TicketType> TicketTypes { get; init; } = [];
    public string CalendarKey { get; init; } = "";
    public int? FirstResponseMinutes { get; init; }
    public int? ArrivalMinutes { get; init; }
    public int? ResolutionMinutes { get; init; }
    public IReadOnlyList<EscalationStep> Ladder { get; init; } = [];

    public bool Matches(SlaSubject subject) =>
        Holds(Priorities, subject.Priority) && Holds(CustomerTiers, subject.Tier)
        && Holds(Regions, subject.Region) && Holds(TicketTypes, subject.Type);

    /// <summary>The target of <paramref name="metric"/> in minutes; null when the policy does not measure it.</summary>
    public int? TargetMinutes(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => FirstResponseMinutes,
        SlaMetric.Arrival => ArrivalMinutes,
        SlaMetric.Resolution => ResolutionMinutes,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>What makes the policy unusable; empty when it is fine.</summary>
    public IReadOnlyList<SlaProblem> Validate()
    {
        var problems = new List<SlaProblem>();
        if (string.IsNullOrWhiteSpace(Key)) problems.Add(new(SlaProblemCodes.MissingKey, "The policy needs a key."));
        if (string.IsNullOrWhiteSpace(CalendarKey)) problems.Add(new(SlaProblemCodes.MissingCalendar, "The policy needs a calendar."));
        var measured = Enum.GetValues<SlaMetric>().Where(m => TargetMinutes(m) is not null).ToList();
        if (measured.Count == 0) problems.Add(new(SlaProblemCodes.NoTarget, "The policy measures nothing."));
        foreach (var metric in measured.Where(m => TargetMinutes(m) <= 0))
            problems.Add(new(SlaProblemCodes.BadTarget, $"The {metric} target must be more than 0 minutes.", metric));
        for (var i = 0; i < Ladder.Count; i++)
        {
            var step = Ladder[i];
            if (step.AtPercent is < 1 or > 1000)
                problems.Add(new(SlaProblemCodes.BadPercent, $"Step {i + 1}: {step.AtPercent}% is not between 1 and 1000.", i + 1, step.AtPercent));
            if (i > 0 && step.AtPercent < Ladder[i - 1].AtPercent)
                problems.Add(new(SlaProblemCodes.LadderNotAscending, $"Step {i + 1} comes before step {i} on the ladder.", i + 1, i));
            if (step.Metric is { } metric && !measured.Contains(metric))
                problems.Add(new(SlaProblemCodes.StepMetricNotMeasured, $"Step {i + 1} escalates {metric}, which the policy does not measure.", i + 1, metric));
        }
        return problems;
    }

    private static bool Holds<T>(IReadOnlyList<T> allowed, T value) => allowed.Count == 0 || allowed.Contains(value);
}
