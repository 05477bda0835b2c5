using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.App.Data;
using Scrm.App.Features.Dashboards;
using Scrm.App.Features.Shared;
using Scrm.Domain.Dashboards;

namespace Scrm.App.Api;

/// <summary>The dashboard's figures for BI tools and for checking: the same filters and the same numbers as the tiles.</summary>
public sealed record KpiResource(
    string From, string To, string? Region, string? City, string? Team, string? Type, string? Priority,
    KpiFigures Current, KpiFigures Previous, IReadOnlyList<KpiTile> Tiles, DateTimeOffset ComputedAt);

/// <summary>/api/v1/kpis: Managers (their regions) and Admins (all).</summary>
internal static class KpiEndpoints
{
    private static readonly Dictionary<string, string> Messages = new()
    {
        ["Dashboards.BadDate"] = "must be a date written yyyy-MM-dd.",
        ["Dashboards.ToBeforeFrom"] = "must not be before from.",
        ["Dashboards.RangeTooLong"] = $"the range may cover at most {KpiFilter.MaxDays} days.",
        ["Dashboards.UnknownRegion"] = "is not a region.",
        ["Dashboards.RegionNotYours"] = "is not one of your regions.",
        ["Dashboards.UnknownTeam"] = "is not a team you can see.",
        ["Dashboards.UnknownType"] = "is not a ticket type.",
        ["Dashboards.UnknownPriority"] = "is not a priority.",
    };

    public static RouteGroupBuilder MapKpiEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", GetAsync).WithTags("Dashboards").WithName("GetKpis")
            .WithSummary("The dashboard's KPIs for a period (from/to, yyyy-MM-dd, default the last 30 days) and filters, with the previous period.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<KpiResource>> GetAsync(ClaimsPrincipal user, KpiQueries queries, BusinessClock clock, TimeProvider time,
        string? from, string? to, string? region, string? city, string? team, string? type, string? priority, CancellationToken ct)
    {
        var scope = AccessScope.From(user);
        if (!scope.IsInAny(AppRoles.Admin, AppRoles.Manager))
            throw new AccessDeniedException("Dashboards.ManagersOnly", "Only managers and admins can read the KPIs.");
        var (filter, errors) = KpiFilter.Parse(from, to, region, city, team, type, priority, clock.LocalDay(time.GetUtcNow()), scope);
        if (filter is null)
            throw new InputRejectedException(errors.SelectMany(e => e.Value.Select(code => new FieldError(e.Key, code, $"{e.Key} {Messages[code]}"))).ToList());
        var view = await queries.LoadAsync(scope, filter, ct);
        var q = filter.ToQuery();
        return TypedResults.Ok(new KpiResource(q["from"]!, q["to"]!, filter.Region, filter.City, filter.Team, q["type"], q["priority"],
            view.Current, view.Previous, view.Tiles, view.LoadedAt));
    }
}
