using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.App.Data;
using Scrm.App.Features.Flows;

namespace Scrm.App.Api;

/// <summary>One version of a flow as the API shows it.</summary>
public sealed record FlowVersionResource(int Number, string Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string? PublishedBy, int NodeCount);

/// <summary>A flow with its versions and which of them tickets get.</summary>
public sealed record FlowResource(string Key, string Name, string? NameEn, string TicketType, string? Region, int? PublishedVersion,
    bool HasDraft, IReadOnlyList<FlowVersionResource> Versions);

internal static class FlowEndpoints
{
    public static RouteGroupBuilder MapFlowEndpoints(this RouteGroupBuilder api)
    {
        // Designers' data: FlowTemplates refuses every role but Admin and Manager (403), and a Manager sees the
        // head office's flows and their own regions'.
        api.MapGet("/flows", ListAsync).WithTags("Flows").WithName("ListFlows").ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<FlowResource>>> ListAsync(HttpContext http, FlowTemplates flows, CancellationToken ct)
    {
        var rows = await flows.ListAsync(AccessScope.From(http.User), ct);
        return TypedResults.Ok<IReadOnlyList<FlowResource>>(rows.Select(r => new FlowResource(r.Key, r.Name, r.NameEn, r.TicketType.ToString(),
            r.Region, r.Published?.Number, r.Draft is not null,
            r.Versions.Select(v => new FlowVersionResource(v.Number, v.Status.ToString(), v.CreatedAt, v.PublishedAt, v.PublishedBy, v.NodeCount))
                .ToList())).ToList());
    }
}
