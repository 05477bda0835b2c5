using Scrm.App.Events;
using Scrm.App.Features.Timers;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

public static class SlaServiceCollectionExtensions
{
    /// <summary>SLA settings, the clocks kept on every ticket, their escalation timers and SLA repair.</summary>
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.AddSingleton<SlaSettings>();
        services.AddSingleton<SlaRecalculator>();
        services.AddSingleton<SlaQueries>();
        services.AddSingleton<SlaRepair>();
        services.AddEventHandler<TicketCreated, SlaTracker>();
        services.AddEventHandler<TicketStatusChanged, SlaTracker>();
        services.AddEventHandler<TicketEdited, SlaTracker>();
        services.AddTimerHandler<SlaEscalationHandler>();
        return services;
    }
}
