using Microsoft.EntityFrameworkCore;
using Scrm.App.Data.Interceptors;

namespace Scrm.App.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultSqlite = "Data Source=App_Data/scrm.db";

    /// <summary>
    /// Registers the database: SQLite by default, SQL Server with Database:Provider=SqlServer.
    /// Code asks for <see cref="IDbContextFactory{ScrmDbContext}"/> and never sees which one it got.
    /// </summary>
    public static IServiceCollection AddScrmData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Scrm");
        services.AddSingleton<WritePathInterceptor>();
        services.AddSingleton<CommitSignalInterceptor>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton(sp =>
        {
            // Where the gate queues writers (SQLite), the queued writes commit together (group commit, ADR 0008).
            var gate = sp.GetRequiredService<WriteGate>();
            return new WritePath(sp.GetRequiredService<IDbContextFactory<ScrmDbContext>>(), gate,
                gate.Serialises ? sp.GetRequiredService<GroupCommit>() : null);
        });
        if (provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Scrm is empty.");
            services.AddPooledDbContextFactory<SqlServerScrmDbContext>((sp, o) => o
                .UseSqlServer(connectionString)
                .AddInterceptors(sp.GetRequiredService<WritePathInterceptor>(), sp.GetRequiredService<CommitSignalInterceptor>()));
            Alias<SqlServerScrmDbContext>(services);
            services.AddSingleton(new WriteGate(serialise: false));
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString ?? DefaultSqlite);
            services.AddPooledDbContextFactory<SqliteScrmDbContext>((sp, o) => o
                .UseSqlite(sqlite)
                .AddInterceptors(sp.GetRequiredService<SqlitePragmaInterceptor>(), sp.GetRequiredService<WritePathInterceptor>(),
                    sp.GetRequiredService<CommitSignalInterceptor>()));
            Alias<SqliteScrmDbContext>(services);
            services.AddSingleton(new WriteGate(serialise: true));
            services.AddSingleton<WalCheckpointer>();
            services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        }
        return services;
    }

    private static void Alias<TContext>(IServiceCollection services) where TContext : ScrmDbContext
    {
        services.AddSingleton<IDbContextFactory<ScrmDbContext>>(sp =>
            new UpcastFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        // Identity's stores take a scoped context; the scope disposes it, which returns it to the pool.
        services.AddScoped<ScrmDbContext>(sp => sp.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateDbContext());
    }

    /// <summary>Makes sure the folder of a file database exists before SQLite tries to create the file.</summary>
    private static string SqliteConnectionString(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not ("" or ":memory:") && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }

    /// <summary>Hands out pooled contexts as <see cref="ScrmDbContext"/>, with our own per-use state reset.</summary>
    private sealed class UpcastFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ScrmDbContext>
        where TContext : ScrmDbContext
    {
        public ScrmDbContext CreateDbContext() => Fresh(inner.CreateDbContext());

        public async Task<ScrmDbContext> CreateDbContextAsync(CancellationToken ct = default) =>
            Fresh(await inner.CreateDbContextAsync(ct));

        // The pool resets EF's own state; the scope and audit switches are ours to reset.
        private static ScrmDbContext Fresh(ScrmDbContext db)
        {
            db.ResetAccess();
            return db;
        }
    }
}

public static class ScrmDbContextFactoryExtensions
{
    /// <summary>A fresh context that sees and records as <paramref name="scope"/>.</summary>
    public static async Task<ScrmDbContext> CreateForAsync(this IDbContextFactory<ScrmDbContext> factory,
        AccessScope scope, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.Scope = scope;
        return db;
    }
}
