using Scrm.App.Events;
using Scrm.App.Features.Timers;

namespace Scrm.App.Features.Dispatch;

public static class DispatchServiceCollectionExtensions
{
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DispatchOptions>(configuration.GetSection(DispatchOptions.Section));
        services.AddSingleton<PositionFeed>();
        services.AddSingleton<ControlRoomQueries>();
        services.AddSingleton<DispatchPolicies>();
        services.AddSingleton<Roster.TechnicianFactsReader>();
        services.AddSingleton<Roster.TechnicianRoster>();
        services.AddHostedService<Roster.RosterUpkeep>();
        // In memory only: a restart loads the roster afresh, so there is no backlog of these worth keeping.
        services.AddEventHandler<Scrm.Domain.Tickets.TicketAssigned, Roster.RosterWorkload>(durable: false);
        services.AddEventHandler<Scrm.Domain.Tickets.TicketStatusChanged, Roster.RosterWorkload>(durable: false);
        services.AddEventHandler<Scrm.Domain.Dispatch.TechnicianRated, Roster.RosterWorkload>(durable: false);
        services.AddSingleton<DispatchPlanner>();
        services.AddSingleton<BatchDispatch>();
        services.AddEventHandler<Scrm.Domain.Tickets.TicketCreated, AutoDispatcher>();
        services.AddEventHandler<Scrm.Domain.Tickets.TicketStatusChanged, AutoDispatcher>();
        services.AddEventHandler<Scrm.Domain.Tickets.TicketAssigned, AcceptanceWatch>();
        services.AddTimerHandler<AcceptanceWatch>();
        services.AddEventHandler<Scrm.Domain.Tickets.TicketEscalated, EscalationReassign>();
        services.AddSingleton<Simulation.DemoSimulator>();
        services.AddHostedService(sp => sp.GetRequiredService<Simulation.DemoSimulator>());
        services.AddSingleton<PositionIngestion>();
        services.AddSingleton<PositionRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<PositionRetention>());
        return services;
    }
}
