using System.Text.Json.Serialization;

namespace Scrm.Domain.Sla;

public enum SlaClockState
{
    Running,

    /// <summary>On hold (waiting for parts or the customer): not counting, no due time.</summary>
    Paused,

    /// <summary>Stopped within the target.</summary>
    Met,

    /// <summary>Past the target: still running, paused no more, or stopped late.</summary>
    Breached,

    /// <summary>The ticket was cancelled before the clock breached: neither met nor breached.</summary>
    Cancelled,
}

/// <summary>A span in which a clock counted (neither paused nor stopped); <see cref="To"/> null: counting still.</summary>
public sealed record SlaClockRun(DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// One metric's clock of one ticket as of a moment, computed from the ticket's timeline by <see cref="SlaClocks.Compute"/>.
/// Times of working time follow the policy's calendar.
/// </summary>
public sealed record SlaClock(
    SlaMetric Metric,
    int TargetMinutes,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    TimeSpan Elapsed,
    TimeSpan Paused,
    DateTimeOffset? DueAt,
    DateTimeOffset? BreachedAt,
    SlaClockState State,
    double PercentUsed,
    IReadOnlyList<SlaClockRun> Runs)
{
    [JsonIgnore]
    public TimeSpan Target => TimeSpan.FromMinutes(TargetMinutes);

    [JsonIgnore]
    public bool IsStopped => StoppedAt is not null;

    /// <summary>
    /// The instant the clock had counted <paramref name="workingTime"/>, past or (while it runs) future; null when it
    /// stopped or paused before that.
    /// </summary>
    public DateTimeOffset? Reaches(TimeSpan workingTime, BusinessCalendar calendar) => Reaches([workingTime], calendar)[0];

    /// <summary>
    /// <see cref="Reaches(TimeSpan, BusinessCalendar)"/> for several amounts (a ladder's steps), in one walk of the
    /// runs and the calendar instead of one walk each; the answers in the order asked.
    /// </summary>
    public DateTimeOffset?[] Reaches(IReadOnlyList<TimeSpan> workingTimes, BusinessCalendar calendar)
    {
        var reached = new DateTimeOffset?[workingTimes.Count];
        var order = Enumerable.Range(0, workingTimes.Count).OrderBy(i => workingTimes[i]).ToArray();
        var (next, counted) = (0, TimeSpan.Zero);
        foreach (var run in Runs)
        {
            if (next == order.Length) break;
            // A running clock reaches every amount left; a closed run those within what it counted.
            var inRun = run.To is { } end ? calendar.WorkingTimeBetween(run.From, end) : TimeSpan.MaxValue;
            var last = next;
            while (last < order.Length && (run.To is null || workingTimes[order[last]] - counted <= inRun)) last++;
            var at = calendar.AddWorkingTimes(run.From, [.. order[next..last].Select(i => workingTimes[i] - counted)]);
            for (var k = next; k < last; k++) reached[order[k]] = at[k - next];
            (next, counted) = (last, run.To is null ? counted : counted + inRun);
        }
        return reached;
    }
}
