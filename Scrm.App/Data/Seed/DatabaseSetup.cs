using Microsoft.EntityFrameworkCore;

namespace Scrm.App.Data.Seed;

public static class DatabaseSetup
{
    public static IServiceCollection AddDemoSeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection("Demo"));
        services.AddTransient<DemoSeeder>();
        return services;
    }

    /// <summary>Applies pending migrations (never EnsureCreated), loads reference data, and seeds the demo when empty.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        await using (var db = await factory.CreateForAsync(AccessScope.System, ct))
        {
            await db.Database.MigrateAsync(ct);
            // Rebuilding a table switches foreign_keys off on its connection, and PRAGMAs run once per pooled
            // connection (SqlitePragmaInterceptor): the migrations' connections must not be handed out again.
            if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearPool(sqlite);
            await ReferenceData.LoadCitiesAsync(db, ct);
        }
        await Features.Sla.SlaSettings.SeedDefaultsAsync(services.GetRequiredService<WritePath>(), services.GetRequiredService<TimeProvider>(), ct);
        var seeder = services.GetRequiredService<DemoSeeder>();
        await seeder.SeedIfEmptyAsync(ct);
        await seeder.SeedFormsIfNoneAsync(ct);
        await seeder.SeedFlowsIfNoneAsync(ct);
        await Features.Notifications.NotificationDemo.SeedAsync(services, ct);
    }
}
