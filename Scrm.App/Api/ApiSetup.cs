using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;

namespace Scrm.App.Api;

/// <summary>The REST API: /api/v1 for integrations (API-key callers only), its OpenAPI document and /health.</summary>
public static class ApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddScrmApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o => o.AddDocumentTransformer<ApiDocumentTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return services;
    }

    public static WebApplication MapScrmApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();

        var v1 = app.MapGroup("/api/v1")
            .RequireAuthorization(Features.Identity.IdentitySetup.ApiPolicy)
            .DisableAntiforgery()
            .AddEndpointFilter<ApiProblemFilter>()
            // The UI's status-code pages would answer an API client's 401 with an HTML page.
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .Produces(StatusCodes.Status401Unauthorized);
        v1.MapTicketEndpoints();
        return app;
    }
}
