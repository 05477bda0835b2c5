using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scrm.App.Api;

/// <summary>The REST API: /api/v1 for integrations (API-key callers only), its OpenAPI document and /health.</summary>
public static class ApiSetup
{
    public const string DocumentName = "v1";
    public const string V1 = "/api/v1";

    public static IServiceCollection AddScrmApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o => o.AddDocumentTransformer<ApiDocumentTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        // Every environment, not only Development: a body the framework cannot read then reaches ApiProblemMiddleware
        // as an exception that says which field was wrong, instead of a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return services;
    }

    public static WebApplication MapScrmApi(this WebApplication app)
    {
        // Innermost middleware (after the UI's exception page and status-code pages), so no /api answer becomes HTML.
        app.UseMiddleware<ApiProblemMiddleware>();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();

        var v1 = app.MapGroup(V1)
            .RequireAuthorization(Features.Identity.IdentitySetup.ApiPolicy)
            .DisableAntiforgery()
            // The key challenge (401) happens before ApiProblemMiddleware runs (ApiKeyHandler writes its problem body);
            // keep the UI's status-code pages off it.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute(),
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        v1.MapTicketEndpoints();
        v1.MapTemplateEndpoints();
        v1.MapFlowEndpoints();
        Features.Flows.Runtime.FlowRuntimeEndpoints.MapFlowRuntimeEndpoints(v1);
        v1.MapTechnicianEndpoints();
        v1.MapDispatchEndpoints();
        v1.MapKpiEndpoints();
        Features.Pricing.PricingEndpoints.MapPricingEndpoints(v1);
        var files = v1.MapGroup("/files").WithTags("Files");
        files.MapPost("/", Features.Files.FileEndpoints.UploadAsync).WithName("UploadFile")
            .WithSummary("Uploads a photo or document (multipart part \"file\"); a form's upload field then names it by its ref.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        files.MapGet("/{fileRef}", Features.Files.FileEndpoints.DownloadAsync).WithName("DownloadFile")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
