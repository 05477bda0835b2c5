using Scrm.App.Events;

namespace Scrm.App.Features.Dispatch;

public static class DispatchServiceCollectionExtensions
{
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DispatchOptions>(configuration.GetSection(DispatchOptions.Section));
        services.AddSingleton<PositionFeed>();
        services.AddSingleton<ControlRoomQueries>();
        services.AddSingleton<DispatchPolicies>();
        services.AddSingleton<DispatchPlanner>();
        services.AddSingleton<BatchDispatch>();
        services.AddEventHandler<Scrm.Domain.Tickets.TicketCreated, AutoDispatcher>();
        services.AddEventHandler<Scrm.Domain.Tickets.TicketStatusChanged, AutoDispatcher>();
        services.AddSingleton<AcceptanceWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<AcceptanceWatch>());
        services.AddSingleton<Simulation.DemoSimulator>();
        services.AddHostedService(sp => sp.GetRequiredService<Simulation.DemoSimulator>());
        services.AddSingleton<PositionIngestion>();
        services.AddSingleton<PositionRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<PositionRetention>());
        return services;
    }
}
