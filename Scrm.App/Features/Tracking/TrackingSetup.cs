using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tracking;

public static class TrackingSetup
{
    public const string RatePolicy = "tracking";
    public const string HubPath = "/hubs/tracking";

    /// <summary>Progress links (tokens, issued on creation and backfilled), the public page, its hub and the rating fold.</summary>
    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrackingOptions>(configuration.GetSection(TrackingOptions.Section));
        services.AddHttpContextAccessor();
        services.AddSignalR();
        services.AddSingleton<TrackingTokens>();
        services.AddSingleton<TrackingLinks>();
        services.AddSingleton<ProgressQueries>();
        services.AddSingleton<ProgressActions>();
        services.AddSingleton<TrackingAudience>();
        services.AddSingleton<ProgressRenderer>();
        services.AddEventHandler<TicketCreated, TrackingTokenIssuer>();
        services.AddEventHandler<TicketRated, TechnicianRatingFold>();
        services.AddEventHandler<TicketDomainEvent, TrackingBroadcaster>(durable: false);
        services.AddEventHandler<Scrm.Domain.Pricing.QuoteUpdated, TrackingBroadcaster>(durable: false);
        services.AddHostedService<TrackingBackfill>();
        services.AddSingleton<TrackingPositionRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackingPositionRelay>());

        var perMinute = configuration.GetValue($"{TrackingOptions.Section}:{nameof(TrackingOptions.RequestsPerMinute)}", new TrackingOptions().RequestsPerMinute);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address, as the intake's limit; guessing tokens costs a full window per few hundred tries.
            o.AddPolicy(RatePolicy, http => perMinute <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // The intake answers its own rejections with its page; ours get a plain text 429, which reveals nothing either.
            var others = o.OnRejected;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (!IsOurs(http.Request.Path))
                {
                    if (others is not null) await others(context, ct);
                    return;
                }
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("429 Too Many Requests", ct);
            };
        });
        return services;
    }

    private static bool IsOurs(PathString path) => path.StartsWithSegments("/t") || path.StartsWithSegments(HubPath);

    /// <summary>
    /// GET /t/{token}, GET /t/{token}/state, POST /t/{token}/confirm and /rate, and the hub. Anonymous by design,
    /// rate-limited per address. Relies on the rate-limiting middleware <c>MapIntake</c> adds to the pipeline.
    /// </summary>
    public static WebApplication MapTracking(this WebApplication app)
    {
        var progress = app.MapGroup("/t").AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(RatePolicy);
        progress.MapGet("/{token}", ProgressEndpoints.ShowAsync);
        progress.MapGet("/{token}/state", ProgressEndpoints.StateAsync);
        progress.MapPost("/{token}/confirm", ProgressEndpoints.ConfirmAsync);
        progress.MapPost("/{token}/rate", ProgressEndpoints.RateAsync);
        progress.MapPost("/{token}/quote/accept", ProgressEndpoints.AcceptQuoteAsync);
        app.MapHub<TrackingHub>(HubPath).AllowAnonymous().RequireRateLimiting(RatePolicy);
        return app;
    }
}
