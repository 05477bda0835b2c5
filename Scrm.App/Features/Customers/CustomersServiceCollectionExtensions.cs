namespace Scrm.App.Features.Customers;

public static class CustomersServiceCollectionExtensions
{
    public static IServiceCollection AddCustomers(this IServiceCollection services) =>
        services.AddSingleton<CustomerQueries>();
}
