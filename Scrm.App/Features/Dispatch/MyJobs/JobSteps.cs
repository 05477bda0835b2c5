using Scrm.App.Features.Tickets;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch.MyJobs;

/// <summary>One button of a technician's job card: a move to a status, or declining the job (To is null).</summary>
public sealed record JobStep(string Key, TicketStatus? To, bool Main);

/// <summary>The technician's side of the workflow: what comes next on a job, and the order the day's jobs are done in.</summary>
public static class JobSteps
{
    public static IReadOnlyList<JobStep> Next(TicketStatus status) => status switch
    {
        TicketStatus.Assigned => [new("Accept", TicketStatus.Accepted, true), new("Decline", null, false)],
        TicketStatus.Accepted => [new("Depart", TicketStatus.EnRoute, true)],
        TicketStatus.EnRoute => [new("Arrive", TicketStatus.OnSite, true)],
        TicketStatus.OnSite => [new("Start", TicketStatus.InProgress, true)],
        TicketStatus.InProgress => [new("Complete", TicketStatus.Resolved, true), new("Hold", TicketStatus.OnHold, false)],
        TicketStatus.OnHold => [new("Resume", TicketStatus.InProgress, true)],
        _ => [],
    };

    /// <summary>The job in hand first (on site, then on the way), then the accepted ones, then new ones to answer; urgent first within each.</summary>
    public static IEnumerable<TicketRow> InWorkingOrder(IEnumerable<TicketRow> jobs) => jobs
        .OrderBy(j => Stage(j.Status)).ThenByDescending(j => j.Priority).ThenBy(j => j.CreatedAt);

    private static int Stage(TicketStatus status) => status switch
    {
        TicketStatus.InProgress => 0,
        TicketStatus.OnSite => 1,
        TicketStatus.EnRoute => 2,
        TicketStatus.Accepted => 3,
        TicketStatus.OnHold => 4,
        _ => 5,
    };
}
