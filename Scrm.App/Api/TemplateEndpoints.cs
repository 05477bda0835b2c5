using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.App.Features.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.App.Api;

/// <summary>A published ticket template as the API lists it, with the public intake link a caller can hand out.</summary>
public sealed record TemplateResource(string Key, string Name, string? NameEn, string TicketType, int Version,
    IReadOnlyList<PublishedVariant> RegionVariants, string IntakeUrl);

internal static class TemplateEndpoints
{
    public static RouteGroupBuilder MapTemplateEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/templates", ListAsync).WithTags("Templates").WithName("ListTemplates");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<TemplateResource>>> ListAsync(HttpRequest request, FormTemplates templates, CancellationToken ct)
    {
        var site = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var published = await templates.PublishedAsync(ct);
        return TypedResults.Ok<IReadOnlyList<TemplateResource>>(published.Select(t => new TemplateResource(t.Key, t.NameZh, t.NameEn,
            t.TicketType.ToString(), t.Version, t.Variants, $"{site}/s/{Uri.EscapeDataString(t.Key)}")).ToList());
    }
}
