
namespace Scrm.App.Features.Channels;

public static class ChannelsServiceCollectionExtensions
{
    public const string Prefix = "/api/v1/channels";

    /// <summary>The WeCom callback and client, the generic webhooks, the inbox and its worker, the demo's member links.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WeComOptions>(configuration.GetSection(WeComOptions.Section));
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<ChannelInbox>();
        services.AddSingleton<ChannelQueries>();
        services.AddHttpClient(WeComClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        // One client and one messenger for the app: the token cache and the per-member send window are shared.
        services.AddSingleton<WeComClient>();
        services.AddSingleton<WeComMessenger>();
        // Notifications send through WeCom only where an application can send: a corp, its secret and the agent.
        var wecom = configuration.GetSection(WeComOptions.Section).Get<WeComOptions>();
        if (wecom is { CorpId.Length: > 0, Secret.Length: > 0, AgentId.Length: > 0 })
            services.AddSingleton<Notifications.Channels.INotificationChannel, WeComNotificationChannel>();
        services.AddScoped<WeComInboxHandler>();
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddHostedService<ChannelDemoSeed>();
        return services;
    }

    /// <summary>
    /// /api/v1/channels/wecom/callback and /api/v1/channels/webhooks/{source}: anonymous by design — the callers prove
    /// themselves with signatures, not API keys — and left out of the API document.
    /// </summary>
    public static WebApplication MapChannels(this WebApplication app)
    {
        var channels = app.MapGroup(Prefix).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        channels.MapGet("/wecom/callback", WeComCallbackEndpoints.Verify);
        channels.MapPost("/wecom/callback", WeComCallbackEndpoints.ReceiveAsync);
        channels.MapPost("/webhooks/{source}", WebhookEndpoints.ReceiveAsync);
        return app;
    }
}
