using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>A decision on a ticket's pending approval: Approved, Rejected or SentBack (the last two with a comment).</summary>
public sealed record FlowDecisionRequest(string? NodeId, string? Outcome, string? Comment, long? ExpectedVersion);

/// <summary>Which versions to move running tickets between.</summary>
public sealed record FlowMigrationRequest(int? From, int? To);

/// <summary>
/// /api/v1/tickets/{id}/flow, its decisions, and /api/v1/flows/{key}/migrations. Refusals become problem responses in
/// the API's middleware, like every other endpoint's.
/// </summary>
public static class FlowRuntimeEndpoints
{
    public static RouteGroupBuilder MapFlowRuntimeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets/{id:long}/flow", GetAsync).WithTags("Flows").WithName("GetTicketFlow")
            .WithSummary("The ticket's flow: version, where it waits, the path taken, the pending approval and the SLA clocks.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/tickets/{id:long}/flow/decisions", DecideAsync).WithTags("Flows").WithName("DecideTicketFlow")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/flows/{key}/migrations", MigrateAsync).WithTags("Flows").WithName("MigrateFlow")
            .WithSummary("Moves the running tickets of one version to another where every node they wait at still exists (Admin).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Ok<TicketFlowView>> GetAsync(long id, ClaimsPrincipal user, FlowQueries queries, CancellationToken ct)
    {
        var scope = AccessScope.From(user);
        return TypedResults.Ok(await queries.ForTicketAsync(scope, id, ct) ?? throw await NotFoundAsync(queries, scope, id, ct));
    }

    private static async Task<Ok<TicketFlowView>> DecideAsync(long id, FlowDecisionRequest request, ClaimsPrincipal user, FlowDecisions decisions,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.NodeId)) errors.Add(new FieldError("nodeId", "Field.Required", "nodeId is required.", "nodeId"));
        ApprovalOutcome outcome = default;
        if (string.IsNullOrWhiteSpace(request.Outcome)) errors.Add(new FieldError("outcome", "Field.Required", "outcome is required.", "outcome"));
        else if (!EnumNames.TryParse(request.Outcome, out outcome)) errors.Add(FieldError.NotOneOf<ApprovalOutcome>("outcome"));
        if (errors.Count > 0) throw new InputRejectedException(errors);
        return TypedResults.Ok(await decisions.DecideAsync(AccessScope.From(user), id, request.NodeId!.Trim(), outcome, request.Comment,
            request.ExpectedVersion, ct));
    }

    private static async Task<Ok<FlowMigrationPlan>> MigrateAsync(string key, FlowMigrationRequest request, ClaimsPrincipal user,
        FlowMigration migration, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (request.From is null) errors.Add(new FieldError("from", "Field.Required", "from is required.", "from"));
        if (request.To is null) errors.Add(new FieldError("to", "Field.Required", "to is required.", "to"));
        if (errors.Count > 0) throw new InputRejectedException(errors);
        return TypedResults.Ok(await migration.MigrateAsync(AccessScope.From(user), key, request.From!.Value, request.To!.Value, ct));
    }

    private static async Task<NotFoundException> NotFoundAsync(FlowQueries queries, AccessScope scope, long id, CancellationToken ct) =>
        await queries.SeesTicketAsync(scope, id, ct)
            ? new NotFoundException("Flow", id.ToString(CultureInfo.InvariantCulture))
            : new NotFoundException("Ticket", id.ToString(CultureInfo.InvariantCulture));
}
