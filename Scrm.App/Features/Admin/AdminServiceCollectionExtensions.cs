namespace Scrm.App.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services
        .AddSingleton<ApiKeyAdmin>()
        .AddSingleton<UserAdmin>();
}
