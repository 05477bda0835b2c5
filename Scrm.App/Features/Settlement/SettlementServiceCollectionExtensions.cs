using Scrm.App.Events;
using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Settlement;

public static class SettlementServiceCollectionExtensions
{
    /// <summary>Settlement lines from the bill events, periods, commission and partner statements, the page's services and the Excel exports.</summary>
    public static IServiceCollection AddSettlement(this IServiceCollection services)
    {
        services.AddSingleton<SettlementSetup>();
        services.AddSingleton<SettlementPeriods>();
        services.AddSingleton<SettlementQueries>();
        services.AddSingleton<SettlementExcel>();
        services.AddHostedService<SettlementDemo>();
        services.AddEventHandler<BillFinalised, SettlementRecorder>();
        services.AddEventHandler<BillCredited, SettlementRecorder>();
        return services;
    }
}
