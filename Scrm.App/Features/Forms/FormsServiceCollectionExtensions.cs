namespace Scrm.App.Features.Forms;

public static class FormsServiceCollectionExtensions
{
    public static IServiceCollection AddForms(this IServiceCollection services) => services
        .AddMemoryCache()
        .AddSingleton<FormTemplates>()
        .AddSingleton<DeviceModels>();
}
