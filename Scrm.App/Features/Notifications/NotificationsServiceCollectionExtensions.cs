using Scrm.App.Events;
using Scrm.App.Features.Notifications.Channels;
using Scrm.App.Features.Timers;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Notification rules, the handler that queues deliveries for ticket, quote and stock events, the delivery worker and the channels
    /// configured under <c>Channels:*</c>. In-app messages need no configuration. WeCom: the WeCom module registers
    /// its own <see cref="INotificationChannel"/> for <see cref="Scrm.Domain.Notifications.NotificationChannel.WeCom"/>;
    /// until one is registered, WeCom deliveries stay pending.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("Notifications");
        services.AddSingleton<RecipientResolver>();
        services.AddSingleton<InboxNotifier>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<NotificationRuleCache>();
        services.AddEventHandler<TicketDomainEvent, TicketNotifications>();
        services.AddEventHandler<QuoteUpdated, TicketNotifications>();
        services.AddEventHandler<QuoteThresholdReached, TicketNotifications>();
        services.AddEventHandler<StockBelowReorderPoint, TicketNotifications>();
        services.AddTimerHandler<VoiceRepeatHandler>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());

        var smtp = configuration.GetSection("Channels:Smtp").Get<SmtpOptions>();
        if (!string.IsNullOrEmpty(smtp?.Host)) services.AddSingleton<INotificationChannel>(new SmtpChannel(smtp));
        AddGateway<SmsGatewayChannel>(services, configuration, "Sms", (http, o) => new SmsGatewayChannel(http, o));
        AddGateway<VoiceGatewayChannel>(services, configuration, "Voice", (http, o) => new VoiceGatewayChannel(http, o));
        return services;
    }

    private static void AddGateway<T>(IServiceCollection services, IConfiguration configuration, string name, Func<HttpClient, GatewayOptions, T> create)
        where T : class, INotificationChannel
    {
        var options = configuration.GetSection($"Channels:{name}").Get<GatewayOptions>();
        if (string.IsNullOrEmpty(options?.Url)) return;
        services.AddHttpClient(name, http => http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<INotificationChannel>(sp => create(sp.GetRequiredService<IHttpClientFactory>().CreateClient(name), options));
    }
}
