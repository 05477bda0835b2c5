using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Dispatch.Scoring;

namespace Scrm.App.Api;

public sealed record CriterionResource(string Criterion, string Mode, double Weight, double Score, double Points, bool Passed,
    string Reason, IReadOnlyList<string> Args);

public sealed record CandidateResource(long TechnicianId, string Name, int? Rank, double Total, double DistanceKm, int EtaMinutes,
    bool Excluded, IReadOnlyList<string> ExcludedBy, IReadOnlyList<CriterionResource> Criteria);

public sealed record JobResource(string? Skill, int MinSkillLevel, string? Certification, long? DedicatedTechnicianId);

public sealed record CandidatesResource(long TicketId, string TicketNumber, JobResource Job, IReadOnlyList<CandidateResource> Candidates);

/// <summary>A dispatcher's choice: the technician, and why when it is not the top candidate.</summary>
public sealed record DispatchRequest(long? TechnicianId, string? Reason, long? ExpectedVersion);

/// <summary>/api/v1/tickets/{id}/candidates and /dispatch: the explained ranking, and assigning by it.</summary>
internal static class DispatchEndpoints
{
    public static RouteGroupBuilder MapDispatchEndpoints(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Dispatch");
        tickets.MapGet("/{id:long}/candidates", CandidatesAsync).WithName("TicketCandidates")
            .WithSummary("Every technician of the ticket's region ranked on eight criteria, each with its score and reason; excluded ones say which hard filter excluded them.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:long}/dispatch", DispatchAsync).WithName("DispatchTicket")
            .WithSummary("Assigns the ticket to a technician; anyone but the top candidate needs a reason.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Ok<CandidatesResource>> CandidatesAsync(long id, HttpContext http, DispatchPlanner planner, CancellationToken ct)
    {
        var list = await planner.CandidatesAsync(AccessScope.From(http.User), id, ct);
        var rank = 0;
        return TypedResults.Ok(new CandidatesResource(list.TicketId, list.TicketNumber,
            new JobResource(list.SkillInferred ? list.Job.Skill : null, list.Job.MinSkillLevel, list.Job.Certification, list.Job.DedicatedTechnicianId),
            list.Candidates.Select(c => new CandidateResource(c.Technician.Id, c.Technician.Name, c.Excluded ? null : ++rank,
                Math.Round(c.Total, 3), Math.Round(c.DistanceKm, 2), c.EtaMinutes, c.Excluded,
                c.ExcludedBy.Select(e => e.Criterion.ToString()).ToList(),
                c.Breakdown.Select(b => new CriterionResource(b.Criterion.ToString(), b.Mode.ToString(), list.Policy.Weights[b.Criterion].Weight,
                    Math.Round(b.Score, 3), Math.Round(b.Points, 3), b.Passed, b.Reason,
                    b.Args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToList())).ToList())).ToList()));
    }

    private static async Task<Ok<TicketResource>> DispatchAsync(long id, DispatchRequest request, HttpContext http, DispatchPlanner planner,
        Features.Tracking.TrackingLinks links, CancellationToken ct)
    {
        if (request.TechnicianId is not { } technician)
            throw new Features.Shared.InputRejectedException([new Features.Shared.FieldError("technicianId", "Field.Required", "technicianId is required.")]);
        var detail = await planner.AssignAsync(AccessScope.From(http.User), id, technician, request.Reason, request.ExpectedVersion, ct);
        return TypedResults.Ok(await TicketResource.WithLinkAsync(detail, links, ct));
    }
}
