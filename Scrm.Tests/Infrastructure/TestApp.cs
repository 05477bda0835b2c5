using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Infrastructure;

/// <summary>
/// The real app host (DI, SQLite file, migrations, demo seed) without a server. Reading <see cref="Services"/> the
/// first time starts the host, which migrates and seeds. Each instance owns a temp database it deletes at the end.
/// </summary>
public class TestApp : IAsyncLifetime
{
    /// <summary>Small enough to seed in about a second, big enough to have every region, status and a few technicians.</summary>
    private static readonly Dictionary<string, string?> SmallDemo = new()
    {
        ["Demo:Seed"] = "true",
        ["Demo:Customers"] = "40",
        ["Demo:ClosedTickets"] = "60",
        ["Demo:OpenPerStatusPerRegion"] = "1",
        ["Demo:TechniciansPerRegion"] = "4",
        // Small, so that the store's own limit is tested without megabytes of test data.
        ["Files:MaxBytes"] = "1048576",
    };

    private static int _phones;

    private readonly WebApplicationFactory<Program> _factory;

    public TestApp() : this(SmallDemo)
    {
    }

    protected TestApp(IReadOnlyDictionary<string, string?> settings)
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"scrm-tests-{Guid.NewGuid():N}.db");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Scrm", $"Data Source={DatabasePath}");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Files:Root", FilesPath);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(services =>
            {
                services.AddSingleton<CommandHooks>();
                AddTestServices(services);
                services.ConfigureDbContext<SqliteScrmDbContext>(
                    (sp, o) => o.AddInterceptors(sp.GetRequiredService<CommandHooks>()), ServiceLifetime.Singleton);
            });
        });
    }

    public string DatabasePath { get; }

    /// <summary>The file store's folder, this host's own.</summary>
    public string FilesPath { get; } = Path.Combine(Path.GetTempPath(), $"scrm-files-{Guid.NewGuid():N}");

    /// <summary>Where a derived host adds what its tests need (event handlers, fakes of nothing real).</summary>
    protected virtual void AddTestServices(IServiceCollection services)
    {
    }

    public string ConnectionString => $"Data Source={DatabasePath}";

    public IServiceProvider Services => _factory.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public TicketService Tickets => Get<TicketService>();

    public TicketQueries Queries => Get<TicketQueries>();

    public Task InitializeAsync()
    {
        _ = Services;  // starts the host: migrations and demo seed
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        // Pooled connections keep the file open; only this database's pool, other hosts may still be running.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString))
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
        if (Directory.Exists(FilesPath)) Directory.Delete(FilesPath, recursive: true);
    }

    // ---- who is asking ----

    public static AccessScope Admin { get; } = Scope("test-admin", "测试管理员", AppRoles.Admin, allRegions: true);

    public static AccessScope Agent { get; } = Scope("test-agent", "测试客服", AppRoles.Agent, allRegions: true);

    public static AccessScope Dispatcher(string region, string? name = null) =>
        Scope($"test-dispatcher-{region}-{name}", name ?? $"{region}调度", AppRoles.Dispatcher, allRegions: false, region);

    /// <summary>A technician sees only their own tickets; like a signed-in one, the account carries its region.</summary>
    public static AccessScope Technician(long technicianId, string region) =>
        Scope($"test-technician-{technicianId}", $"技师 {technicianId}", AppRoles.Technician, allRegions: false, region) with
        {
            TechnicianId = technicianId,
        };

    public static AccessScope Scope(string id, string name, string role, bool allRegions, params string[] regions) =>
        new(new Actor(id, name), new HashSet<string> { role }, allRegions, regions, null);

    // ---- data ----

    /// <summary>A context on the test database that sees as <paramref name="scope"/> (everything by default).</summary>
    public Task<ScrmDbContext> DbAsync(AccessScope? scope = null) =>
        Get<IDbContextFactory<ScrmDbContext>>().CreateForAsync(scope ?? AccessScope.System);

    /// <summary>A text no other test uses, to create tickets with and to find exactly those again.</summary>
    public static string Marker(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>A valid mobile number no other test uses, so that each request creates its own customer.</summary>
    public static string UniquePhone() => $"139{Environment.ProcessId % 100:D2}{Interlocked.Increment(ref _phones):D6}";

    public static NewTicketRequest NewRequest(string city, string? title = null, string type = nameof(TicketType.Repair),
        string priority = nameof(TicketPriority.Normal)) => new()
    {
        Title = title ?? Marker("工单"),
        Description = "测试工单",
        Type = type,
        Priority = priority,
        Customer = new NewCustomer { Name = $"测试客户（{city}）", Phone = UniquePhone() },
        Site = new NewSite { Address = $"{city}市测试路 1 号", City = city },
    };

    public async Task<TicketDetail> CreateTicketAsync(AccessScope scope, string city, string? title = null,
        string type = nameof(TicketType.Repair), string priority = nameof(TicketPriority.Normal))
    {
        var created = await Tickets.CreateAsync(scope, NewRequest(city, title, type, priority));
        return created.Ticket;
    }

    /// <summary>The ticket as stored, whoever may see it.</summary>
    public async Task<Ticket> LoadTicketAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    /// <summary>
    /// Puts every technician of <paramref name="region"/> on duty round the clock, present, with room for
    /// <paramref name="dailyCap"/> jobs (default: the most), so dispatch tests do not depend on the hour they run at or on
    /// the jobs earlier tests handed out.
    /// </summary>
    public async Task PutOnCallAsync(string region, Func<Scrm.Domain.Dispatch.Technician, int>? dailyCap = null)
    {
        await using var db = await DbAsync();
        foreach (var technician in await db.Technicians.Where(t => t.Region == region).ToListAsync())
        {
            technician.SetShift(new TimeOnly(0, 0), new TimeOnly(0, 0), dailyCap?.Invoke(technician) ?? Scrm.Domain.Dispatch.Technician.MaxDailyCap);
            if (technician.Status is Scrm.Domain.Dispatch.TechnicianStatus.OnLeave or Scrm.Domain.Dispatch.TechnicianStatus.OffDuty)
                technician.SetStatus(Scrm.Domain.Dispatch.TechnicianStatus.Available);
        }
        await db.SaveChangesAsync();
        // Written past the app's paths: dispatch's in-memory roster learns of it as it would on its periodic reload.
        await Get<Scrm.App.Features.Dispatch.Roster.TechnicianRoster>().ReloadAsync(region);
    }

    public async Task<IReadOnlyList<long>> TechnicianIdsAsync(string region)
    {
        await using var db = await DbAsync();
        return await db.Technicians.Where(t => t.Region == region).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
    }
}

/// <summary>The app with the demo at its default, full size (320 customers, 2,100 closed tickets): slow, seeded once.</summary>
public sealed class FullDemoApp() : TestApp(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });

/// <summary>The data and component tests that share one small host; each creates and filters by its own rows.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<TestApp>
{
    public const string Name = "app host";
}
