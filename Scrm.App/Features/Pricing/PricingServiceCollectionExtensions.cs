using Scrm.App.Events;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>Catalogue, price book, quotes on tickets and the final bill (with its stock deduction) on closing.</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.AddSingleton<PriceBookStore>();
        services.AddSingleton<QuoteService>();
        services.AddSingleton<Catalog.CatalogService>();
        services.AddEventHandler<TicketStatusChanged, BillFinaliser>();
        services.AddSingleton<QuoteChanges>();
        services.AddEventHandler<QuoteUpdated, QuoteLiveFeed>();
        return services;
    }
}
