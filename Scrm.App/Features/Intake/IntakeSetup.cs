using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace Scrm.App.Features.Intake;

/// <summary>Settings of the public intake (section "Intake").</summary>
public sealed class IntakeOptions
{
    /// <summary>Submissions one client address may post per minute; 0 or less turns the limit off (load tests).</summary>
    public int PostsPerMinute { get; set; } = 10;

    /// <summary>The public address QR codes point at, such as https://scrm.example.cn; the request's own host when empty.</summary>
    public string? PublicBaseUrl { get; set; }
}

public static class IntakeSetup
{
    public const string PostPolicy = "intake-post";

    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntakeOptions>(configuration.GetSection("Intake"));
        services.AddSingleton<IntakeQrCodes>();
        services.AddSingleton<BlankIntakePages>();
        services.AddSingleton<ThanksPages>();
        services.AddSingleton<FollowLinks>();
        services.AddScoped<PublicIntake>();
        services.AddSingleton<IIntakeFiling, TicketFiling>();
        var postsPerMinute = configuration.GetValue("Intake:PostsPerMinute", new IntakeOptions().PostsPerMinute);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address; behind a reverse proxy configure forwarded headers, or every visitor shares one window.
            o.AddPolicy(PostPolicy, http => postsPerMinute <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = postsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await new RazorComponentResult<IntakeNotice>(new Dictionary<string, object?>
                {
                    [nameof(IntakeNotice.Kind)] = IntakeNoticeKind.TooManyRequests,
                })
                { StatusCode = StatusCodes.Status429TooManyRequests }.ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>The rate limiter and the intake's routes: GET and POST /s/{key}, GET /s/{key}/qr.png and /s/{key}/follow/{pass}. Anonymous by design.</summary>
    public static WebApplication MapIntake(this WebApplication app)
    {
        app.UseRateLimiter();
        var intake = app.MapGroup("/s").AllowAnonymous().ExcludeFromDescription();
        intake.MapGet("/{key}", IntakeEndpoints.ShowAsync);
        intake.MapPost("/{key}", IntakeEndpoints.SubmitAsync).RequireRateLimiting(PostPolicy);
        intake.MapGet("/{key}/qr.png", IntakeEndpoints.QrCodeAsync);
        intake.MapGet("/{key}/follow/{pass}", IntakeEndpoints.FollowAsync);
        return app;
    }
}
