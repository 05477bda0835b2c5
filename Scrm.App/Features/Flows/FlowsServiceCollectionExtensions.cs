namespace Scrm.App.Features.Flows;

public static class FlowsServiceCollectionExtensions
{
    public static IServiceCollection AddFlows(this IServiceCollection services) => services
        .AddSingleton<FlowTemplates>()
        .AddSingleton<Sandbox.SandboxTickets>()
        .AddSingleton<Bottlenecks.FlowBottlenecks>();
}
