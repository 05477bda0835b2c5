using Scrm.App.Events;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Timers;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows;

public static class FlowsServiceCollectionExtensions
{
    public static IServiceCollection AddFlows(this IServiceCollection services) => services
        .AddSingleton<FlowTemplates>()
        .AddSingleton<Sandbox.SandboxTickets>()
        .AddSingleton<Bottlenecks.FlowBottlenecks>()
        .AddSingleton<FlowVersions>()
        .AddSingleton<FlowFactsReader>()
        .AddSingleton<FlowEffects>()
        .AddSingleton<FlowDecisions>()
        .AddSingleton<FlowQueries>()
        .AddSingleton<FlowMigration>()
        .AddSingleton<ITicketMoveGate, FlowMoveGate>()
        .AddTimerHandler<FlowTimerHandler>()
        .AddEventHandler<TicketCreated, FlowRunner>()
        .AddEventHandler<TicketStatusChanged, FlowRunner>()
        .AddEventHandler<TicketEdited, FlowRunner>();
}
