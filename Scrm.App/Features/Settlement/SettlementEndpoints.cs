using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>
/// The Excel downloads of a period. Under /api/v1 for integrations (API key), and under /settlement for the signed-in
/// page (cookie); both check the role, and the query filters keep a Manager to their region.
/// </summary>
public static class SettlementEndpoints
{
    public static WebApplication MapSettlement(this WebApplication app)
    {
        // The page's links: a role outside the readers gets the usual access-denied answer; a bad month a plain 400.
        var ui = app.MapGroup("/settlement/{period}").RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = SettlementAccess.Readers })
            .ExcludeFromDescription();
        ui.MapGet("/statement.xlsx", (string period, HttpContext http, SettlementQueries q, SettlementExcel x, CancellationToken ct) =>
            InPageAsync(() => StatementAsync(period, http, q, x, ct)));
        ui.MapGet("/tickets.xlsx", (string period, HttpContext http, SettlementQueries q, SettlementExcel x, CancellationToken ct) =>
            InPageAsync(() => TicketsAsync(period, http, q, x, ct)));

        var api = app.MapGroup(Api.ApiSetup.V1 + "/settlement/{period}").WithTags("Settlement")
            .RequireAuthorization(Identity.IdentitySetup.ApiPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute(),
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        api.MapGet("/statement.xlsx", StatementAsync).WithName("SettlementStatementExcel")
            .WithSummary("The period's statement as Excel: each technician's commission with the tier reached, and each partner's statement, with totals.")
            .Produces(StatusCodes.Status200OK, contentType: SettlementExcel.ContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/tickets.xlsx", TicketsAsync).WithName("SettlementTicketsExcel")
            .WithSummary("The period's tickets as Excel: revenue, cost and margin of each, with totals.")
            .Produces(StatusCodes.Status200OK, contentType: SettlementExcel.ContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> InPageAsync(Func<Task<IResult>> download)
    {
        try
        {
            return await download();
        }
        catch (InputRejectedException e)
        {
            return TypedResults.ValidationProblem(e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()));
        }
    }

    private static async Task<IResult> StatementAsync(string period, HttpContext http, SettlementQueries queries, SettlementExcel excel, CancellationToken ct)
    {
        var statement = await LoadAsync(period, http, queries, ct);
        return TypedResults.File(excel.Statement(statement), SettlementExcel.ContentType, $"settlement-{period}-statement.xlsx");
    }

    private static async Task<IResult> TicketsAsync(string period, HttpContext http, SettlementQueries queries, SettlementExcel excel, CancellationToken ct)
    {
        var statement = await LoadAsync(period, http, queries, ct);
        return TypedResults.File(excel.Tickets(statement), SettlementExcel.ContentType, $"settlement-{period}-tickets.xlsx");
    }

    private static Task<SettlementStatement> LoadAsync(string period, HttpContext http, SettlementQueries queries, CancellationToken ct)
    {
        if (!SettlementPeriod.TryParse(period, out var parsed))
            throw new InputRejectedException([new FieldError("period", "Settlement.PeriodInvalid", "period must be a month written yyyy-MM, e.g. 2026-11.")]);
        return queries.StatementAsync(AccessScope.From(http.User), parsed, ct);
    }
}
