using Scrm.App.Workers;

namespace Scrm.App.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>The outbox, its dispatcher and the ledger of handler positions; modules add handlers with AddEventHandler.</summary>
    public static IServiceCollection AddDomainEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventOptions>(configuration.GetSection("Events"));
        services.AddSingleton(EventTypes.FromDomain());
        services.AddSingleton<CommitSignal>();
        services.AddSingleton<RecentEvents>();
        services.AddSingleton<IEventFeed, OutboxFeed>();
        services.AddSingleton<IHandlerLedger, HandlerLedger>();
        services.AddSingleton<EventHandlerRegistry>();
        services.AddSingleton<ParkedEvents>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
