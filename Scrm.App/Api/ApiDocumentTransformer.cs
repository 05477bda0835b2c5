using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scrm.App.Features.Identity;

namespace Scrm.App.Api;

/// <summary>Names the document and tells clients that every /api operation needs an X-Api-Key header.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Scrm API";
        document.Info.Description = "Service work orders for integrations. Authenticate with an API key in the X-Api-Key header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            Name = ApiKeyHandler.Header,
            In = ParameterLocation.Header,
            Description = "An API key issued by an administrator; its role and region limit what it may see and do.",
        };

        var requirement = new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyHandler.SchemeName, document)] = [],
        };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith(ApiSetup.V1, StringComparison.Ordinal) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(requirement);
            }
        }
        DescribeListQuery(document);
        return Task.CompletedTask;
    }

    /// <summary>The list reads its numbers and flags as text, so that a bad one names the parameter; document what they hold.</summary>
    private static void DescribeListQuery(OpenApiDocument document)
    {
        if (!document.Paths.TryGetValue(TicketEndpoints.Path, out var list) || list.Operations is null
            || !list.Operations.TryGetValue(HttpMethod.Get, out var get) || get.Parameters is null) return;
        foreach (var parameter in get.Parameters.OfType<OpenApiParameter>())
        {
            parameter.Schema = parameter.Name switch
            {
                "page" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = $"{TicketEndpoints.MaxPage}" },
                "pageSize" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = $"{Features.Tickets.TicketQueries.MaxPageSize}" },
                "assigneeId" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                "desc" => new OpenApiSchema { Type = JsonSchemaType.Boolean },
                _ => parameter.Schema,
            };
        }
    }
}
