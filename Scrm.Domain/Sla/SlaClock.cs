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
    public DateTimeOffset? Reaches(TimeSpan workingTime, BusinessCalendar calendar)
    {
        var counted = TimeSpan.Zero;
        foreach (var run in Runs)
        {
            var remaining = workingTime - counted;
            if (run.To is not { } end) return calendar.AddWorkingTime(run.From, remaining);
            var inRun = calendar.WorkingTimeBetween(run.From, end);
            if (inRun >= remaining) return calendar.AddWorkingTime(run.From, remaining);
            counted += inRun;
        }
        return null;
    }
}
