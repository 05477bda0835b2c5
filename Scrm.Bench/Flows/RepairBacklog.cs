using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Tickets;
using Scrm.App.Workers;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.Outbox;

namespace Scrm.Bench.Flows;

/// <summary>
/// What <c>handlercost</c> and <c>handleralone</c> share: the app with 200 demo customers and the repair flow
/// published, writers creating repair tickets through TicketService, the process's CPU, and one durable handler run by
/// itself (a dispatcher holding only that handler) over the outbox backlog.
/// </summary>
internal sealed class RepairBacklog(BenchApp app, TicketService service, CustomerSite[] customers, int writers) : IAsyncDisposable
{
    /// <summary>Demo data small enough that the seed's own events do not crowd the measured ones.</summary>
    public static Dictionary<string, string> Settings() => new()
    {
        ["Demo:Customers"] = "200",
        ["Demo:ClosedTickets"] = "0",
        ["Demo:OpenPerStatusPerRegion"] = "0",
    };

    private static readonly Process Self = Process.GetCurrentProcess();
    private long _next;

    public BenchApp App => app;

    public IReadOnlyList<string> Durable { get; } =
        app.Services.GetRequiredService<EventHandlerRegistry>().Handlers.Where(h => h.Durable).Select(h => h.Name).ToList();

    public static async Task<RepairBacklog> StartAsync(string scenario, IReadOnlyDictionary<string, string> settings, int writers)
    {
        var app = BenchApp.Start(scenario, settings);
        await DemoFlows.PublishIfNoneAsync(app.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>(), DateTimeOffset.UtcNow, CancellationToken.None);
        app.Services.GetRequiredService<Scrm.App.Features.Flows.FlowTemplates>().Invalidate();
        return new RepairBacklog(app, app.Services.GetRequiredService<TicketService>(), await BenchCustomers.LoadAsync(app.ConnectionString), writers);
    }

    /// <summary>The process's CPU time so far, in ms.</summary>
    public static double CpuMs()
    {
        Self.Refresh();
        return Self.TotalProcessorTime.TotalMilliseconds;
    }

    /// <summary>Creates <paramref name="count"/> repair tickets (rounded down to a multiple of the writers), writers in parallel.</summary>
    public Task CreateAsync(int count) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            for (var i = 0; i < count / writers; i++)
                await service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, w, Interlocked.Increment(ref _next)));
        }));

    /// <summary>Waits until every durable handler has reached the newest event (at most <paramref name="limit"/> each).</summary>
    public async Task DrainedAsync(TimeSpan limit)
    {
        foreach (var h in Durable) await OutboxBacklog.DrainedAsync(app.ConnectionString, h, limit);
    }

    /// <summary>Warm-up with everything running: JIT, EF's query caches, the published flow in memory.</summary>
    public async Task WarmUpAsync(int tickets)
    {
        await CreateAsync(Math.Min(600, tickets));
        await DrainedAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Runs the durable handler <paramref name="name"/> by itself until it has reached the newest event.</summary>
    public async Task<(double CpuMs, double Seconds, long Bytes)> DrainAloneAsync(string name)
    {
        var services = app.Services;
        var one = new EventHandlerRegistry(services.GetServices<EventHandlerBinding>().Where(b => b.HandlerType.Name == name),
            services.GetRequiredService<EventTypes>());
        var alone = new OutboxDispatcher(one, services.GetRequiredService<IEventFeed>(), services.GetRequiredService<IHandlerLedger>(),
            services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IOptions<EventOptions>>(),
            services.GetRequiredService<ILogger<OutboxDispatcher>>());
        var allocated = GC.GetTotalAllocatedBytes();
        var start = CpuMs();
        var watch = Stopwatch.StartNew();
        await alone.StartAsync(CancellationToken.None);
        await OutboxBacklog.DrainedAsync(app.ConnectionString, name, TimeSpan.FromMinutes(3));
        var (ms, seconds, bytes) = (CpuMs() - start, watch.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes() - allocated);
        await alone.StopAsync(CancellationToken.None);
        return (ms, seconds, bytes);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
