using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Scrm.Bench.Infrastructure;

/// <summary>
/// The real app (its own Program, so its own composition root) on a temporary SQLite file under /tmp,
/// in the Production environment with console logging at Warning. Deletes the file when disposed.
/// A scenario may change the app's services after the app registered them (e.g. add an event handler).
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private BenchApp(string name, IReadOnlyDictionary<string, string> settings, bool kestrel, Action<IServiceCollection>? services)
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"scrm-bench-{name}-{Guid.NewGuid():N}.db");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Scrm", ConnectionString);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            if (services is not null) b.ConfigureTestServices(services);
        });
        if (kestrel) _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            _factory.StartServer();
        }
        catch
        {
            DeleteDatabase();
            throw;
        }
        StartupTime = TimeProvider.System.GetElapsedTime(started);
        if (kestrel)
        {
            var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            // localhost, not 127.0.0.1: the template's passkey script refuses an IP address as a domain.
            BaseUrl = address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    public IServiceProvider Services => _factory.Services;

    public string? BaseUrl { get; }

    /// <summary>Host build, migrations and demo seeding, as the app does them at start.</summary>
    public TimeSpan StartupTime { get; }

    public static BenchApp Start(string name, IReadOnlyDictionary<string, string> settings, bool kestrel = false,
        Action<IServiceCollection>? services = null) =>
        new(name, settings, kestrel, services);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        DeleteDatabase();
    }

    private void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}
