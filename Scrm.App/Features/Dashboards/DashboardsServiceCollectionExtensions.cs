using Scrm.App.Events;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

public static class DashboardsServiceCollectionExtensions
{
    public const string RebuildCommand = "rebuild-rollups";

    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddEventHandler<TicketCreated, TicketDayCounter>()
        .AddEventHandler<TicketStatusChanged, TicketDayCounter>()
        .AddEventHandler<TicketCreated, KpiRollup>()
        .AddEventHandler<TicketStatusChanged, KpiRollup>()
        .AddEventHandler<BillFinalised, KpiRollup>()
        .AddEventHandler<BillCredited, KpiRollup>()
        .AddEventHandler<TicketRated, KpiRollup>()
        .AddSingleton<KpiChanges>()
        .AddSingleton<KpiQueries>()
        .AddSingleton<KpiRebuild>()
        .AddHostedService<KpiBackfill>()
        .AddSingleton<KpiExport>();

    /// <summary>
    /// <c>dotnet run --project Scrm.App -- rebuild-rollups</c>: recomputes the dashboards' rollups from the raw tables and
    /// exits instead of serving. True when the command ran.
    /// </summary>
    public static async Task<bool> RunDashboardCommandAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains(RebuildCommand)) return false;
        var result = await app.Services.GetRequiredService<KpiRebuild>().RunAsync();
        Console.WriteLine($"Rebuilt the dashboard rollups: {result.Tickets} tickets, {result.DayRows} day rows, " +
                          $"{result.TechnicianDayRows} technician days, {result.Bills} bills in {result.Took.TotalSeconds:0.0} s.");
        return true;
    }
}
