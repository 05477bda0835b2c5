using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Scrm.E2E.Infrastructure;

/// <summary>The real app on a loopback port with its own SQLite file, seeded with a small demo data set.</summary>
public sealed class ScrmServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scrm-e2e-{Guid.NewGuid():N}.db");
    private readonly string _files = Path.Combine(Path.GetTempPath(), $"scrm-e2e-files-{Guid.NewGuid():N}");

    public ScrmServer()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Scrm", $"Data Source={_database}")
            .UseSetting("Files:Root", _files)
            .UseSetting("Demo:Seed", "true")
            .UseSetting("Demo:Customers", "60")
            .UseSetting("Demo:ClosedTickets", "150")
            .UseSetting("Demo:OpenPerStatusPerRegion", "2")
            .UseSetting("Demo:ApiKey", "e2e-admin-key")
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock)));
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    public string BaseUrl { get; }

    /// <summary>The app's clock: real time unless a test moves it forward for a while.</summary>
    public ShiftableClock Clock { get; } = new();

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Waits until every event handler has worked through the events the demo seed raised. A fresh server's handlers
    /// (SLA clocks, flows, workload) start with a backlog of a few thousand events that holds the write gate for a
    /// while — a known start-up cost of a new demo (README) — and the tests measure the app, not that start-up.
    /// </summary>
    public async Task CaughtUpAsync(TimeSpan limit)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        long last;
        await using (var db = await factory.CreateForAsync(AccessScope.System))
            last = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            await using var db = await factory.CreateForAsync(AccessScope.System);
            var behind = await db.HandlerCheckpoints.AnyAsync(c => c.Position < last);
            if (!behind) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"The event handlers did not catch up with the demo seed's {last} events within {limit}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_database + suffix);
        if (Directory.Exists(_files)) Directory.Delete(_files, recursive: true);
    }
}
