using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Tracking;
using Scrm.Bench.Board;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Tracking;

/// <summary>
/// Progress-page viewers against Blazor circuits, in one run. The app runs in this process (Kestrel, small demo seed,
/// rate limit off); a child process (<see cref="TrackingViewers"/>) opens N SignalR connections to /hubs/tracking that
/// follow one ticket's token, so that the server's memory is measured without the clients in it. Memory: full blocking
/// compacting GC, then the managed heap and RSS, before and after the viewers connect; per viewer = growth / N. Latency:
/// the child moves the ticket through the API (OnHold ↔ InProgress) and times, for every viewer, from just before the
/// API call to the arrival of the "changed" message: the whole path (HTTP, write, commit, outbox dispatch, hub fan-out).
/// Circuits: a signed-in Chromium opens C pages of the layout alone (/not-found), each its own circuit, measured the same way.
/// </summary>
internal static class TrackingScenario
{
    public const double TargetKbPerViewer = 30;
    public const double TargetP95Ms = 200;
    private const string ApiKey = "bench-tracking-key";

    public static async Task RunAsync(BenchOptions options)
    {
        var viewers = options.Int("viewers", 1000);
        var updates = options.Int("updates", 10);
        var circuits = options.Int("circuits", 20);
        Table.Machine("tracking");
        var circuitCount = new CircuitCount();
        var hops = new HopTimes();
        await using var app = BenchApp.Start("tracking", new Dictionary<string, string>
        {
            ["Demo:Seed"] = "true",
            ["Demo:Customers"] = "40",
            ["Demo:ClosedTickets"] = "40",
            ["Demo:OpenPerStatusPerRegion"] = "1",
            ["Demo:ApiKey"] = ApiKey,
            ["Tracking:RequestsPerMinute"] = "0",
        }, kestrel: true, services: s =>
        {
            s.AddSingleton(circuitCount);
            s.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CountingCircuitHandler>());
            s.AddSingleton(hops);
            s.AddEventHandler<TicketStatusChanged, HopProbe>(durable: false);
        });
        Console.WriteLine($"App up at {app.BaseUrl} in {app.StartupTime.TotalSeconds:0.0} s; server GC {System.Runtime.GCSettings.IsServerGC}; " +
                          $"{viewers} viewers, {updates} updates, {circuits} circuits");

        var ticket = await NewTicketInProgressAsync(app);
        var link = (await app.Services.GetRequiredService<TrackingLinks>().LinkForAsync(ticket, default))!;
        var token = link[(link.LastIndexOf('/') + 1)..];
        // Warm-up inside the baseline: the hub, the token lookup and the page once.
        using (var http = new HttpClient()) (await http.GetAsync(link)).EnsureSuccessStatusCode();

        var before = await ServerMemory.MeasureAsync();
        using var child = StartViewers(app.BaseUrl!, token, ticket, viewers, updates);
        await child.WaitForLineAsync("CONNECTED", TimeSpan.FromMinutes(5));
        var connected = await ServerMemory.MeasureAsync();
        // For a heap snapshot of what the viewers hold (dotnet-gcdump collect -p PID): --hold-seconds 60.
        if (options.Int("hold-seconds", 0) is > 0 and var hold)
        {
            Console.WriteLine($"HOLD pid {Environment.ProcessId} for {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }
        await child.SendAsync("GO");
        await child.WaitForLineAsync("WARM", TimeSpan.FromMinutes(2));
        hops.Dispatched.Clear();
        var perUpdate = new List<string[]>();
        for (var n = 0; n < updates; n++) perUpdate.Add((await child.WaitForLineAsync("UPDATE", TimeSpan.FromMinutes(5))).Split(' '));
        var hub = app.Services.GetRequiredService<IHubContext<TrackingHub, ITrackingClient>>();
        // The hub alone carries the same message as a real change: the page's body as the broadcaster renders it.
        var body = await app.Services.GetRequiredService<ProgressRenderer>().RenderAsync(
            (await app.Services.GetRequiredService<ProgressQueries>().FindByTicketAsync(ticket, default))!, "zh-CN");
        for (var n = 0; n < updates; n++)
        {
            var ready = await child.WaitForLineAsync("READY", TimeSpan.FromMinutes(5));
            var sent = Stopwatch.GetTimestamp();
            await hub.Clients.Group(TrackingHub.GroupOf(ticket, "zh-CN")).Changed(new TrackingChange(ready.Split(' ')[1], 0, body));
            await child.SendAsync($"SENT {sent.ToString(CultureInfo.InvariantCulture)}");
        }
        var results = await child.WaitForLineAsync("RESULT", TimeSpan.FromMinutes(5));
        await child.SendAsync("BYE");
        await child.ExitAsync();

        var dispatched = hops.Dispatched.ToArray();
        static string Ms(long from, long to) => from == 0 || to == 0 ? "–" : Table.N(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, "0.0");
        Table.Print($"Hops of each update (ms from the API call; body {body.Length:N0} chars)",
            ["update", "API answered", "live handler got the event", "first viewer", "last viewer", "dispatch → last viewer"],
            perUpdate.Select(f =>
            {
                var sent = long.Parse(f[2], CultureInfo.InvariantCulture);
                var at = dispatched.Where(d => d >= sent).DefaultIfEmpty(0).Min();
                var last = long.Parse(f[5], CultureInfo.InvariantCulture);
                return new[] { f[1], Ms(sent, long.Parse(f[3], CultureInfo.InvariantCulture)), Ms(sent, at),
                    Ms(sent, long.Parse(f[4], CultureInfo.InvariantCulture)), Ms(sent, last), Ms(at, last) };
            }).ToList());

        var heapPerViewer = (connected.Heap - before.Heap) / viewers;
        var rssPerViewer = (connected.Rss - before.Rss) / viewers;
        var fields = results.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
        Table.Print($"{viewers} progress-page viewers on /hubs/tracking (a child process), one ticket's group",
            ["", "managed heap MB", "RSS MB"],
            [
                ["before", Mb(before.Heap), Mb(before.Rss)],
                [$"{viewers} connected", Mb(connected.Heap), Mb(connected.Rss)],
                ["per viewer (KB)", Kb(heapPerViewer), Kb(rssPerViewer)],
            ]);
        Table.Print($"Update → every viewer ({fields["updates"]} updates × {viewers} viewers, ms; connecting all took {fields["connect_s"]} s; " +
                    $"the first update after start-up, not counted, took {fields["warmup_ms"]} ms to reach the last viewer)",
            ["path", "received", "p50", "p95", "p99", "max"],
            [
                ["ticket moved through the API → \"changed\" at the viewer", fields["received"], fields["p50"], fields["p95"], fields["p99"], fields["max"]],
                ["hub alone: group send → arrival", fields["fan_received"], fields["fan_p50"], fields["fan_p95"], fields["fan_p99"], fields["fan_max"]],
            ]);

        // Circuits, in the same process and run: what a Blazor page per viewer would have cost.
        await using var browser = await BoardBrowser.StartAsync(app.BaseUrl!, "dispatcher.east@demo.scrm");
        var warm = await browser.NewContextAsync();
        await OpenCircuitAsync(await warm.NewPageAsync(), circuitCount);
        var circuitsBefore = await ServerMemory.MeasureAsync();
        var context = await browser.NewContextAsync();
        for (var i = 0; i < circuits; i++) await OpenCircuitAsync(await context.NewPageAsync(), circuitCount);
        var circuitsAfter = await ServerMemory.MeasureAsync();
        var heapPerCircuit = (circuitsAfter.Heap - circuitsBefore.Heap) / circuits;
        var rssPerCircuit = (circuitsAfter.Rss - circuitsBefore.Rss) / circuits;
        Table.Print($"Same server, {circuits} Blazor circuits (layout alone, /not-found, signed in)",
            ["", "managed heap KB", "RSS KB"],
            [["per circuit", Kb(heapPerCircuit), Kb(rssPerCircuit)], ["per viewer (hub)", Kb(heapPerViewer), Kb(rssPerViewer)]]);
        var p95 = double.Parse(fields["p95"], CultureInfo.InvariantCulture);
        Console.WriteLine($"Viewer: {Kb(heapPerViewer)} KB managed heap ({(heapPerViewer / 1024 <= TargetKbPerViewer ? "met" : "MISSED")} ≤ {TargetKbPerViewer} KB), " +
                          $"{Kb(rssPerViewer)} KB RSS; circuit: {Kb(heapPerCircuit)} KB heap, {Kb(rssPerCircuit)} KB RSS " +
                          $"(≈ {heapPerCircuit / Math.Max(1, heapPerViewer):0}× a viewer). Update p95 {fields["p95"]} ms " +
                          $"({(p95 <= TargetP95Ms ? "met" : "MISSED")} ≤ {TargetP95Ms} ms).");
    }

    private static async Task<long> NewTicketInProgressAsync(BenchApp app)
    {
        var tickets = app.Services.GetRequiredService<TicketService>();
        var scope = BenchScopes.Admin;
        var created = await tickets.CreateAsync(scope, new NewTicketRequest
        {
            Title = "门店咖啡机不出水",
            Type = nameof(TicketType.Repair),
            Priority = nameof(TicketPriority.Normal),
            Customer = new NewCustomer { Name = "瑞幸咖啡（杭州湖滨店）", Phone = "13957100000" },
            Site = new NewSite { Address = "杭州市上城区湖滨路 28 号", City = "杭州" },
        });
        var id = created.Ticket.Row.Id;
        long technician;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<Scrm.App.Data.ScrmDbContext>>().CreateForAsync(Scrm.App.Data.AccessScope.System))
            technician = await db.Technicians.Where(t => t.Region == created.Ticket.Row.Region).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        await tickets.AssignAsync(scope, id, technician, null);
        foreach (var to in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress })
            await tickets.TransitionAsync(scope, id, to, null);
        return id;
    }

    private static ViewerProcess StartViewers(string baseUrl, string token, long ticket, int viewers, int updates)
    {
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self, [typeof(TrackingScenario).Assembly.Location])
            : new ProcessStartInfo(self);
        foreach (var arg in new[] { "trackviewers", "--url", baseUrl, "--token", token, "--ticket", ticket.ToString(CultureInfo.InvariantCulture),
                     "--viewers", viewers.ToString(CultureInfo.InvariantCulture), "--updates", updates.ToString(CultureInfo.InvariantCulture), "--key", ApiKey })
            start.ArgumentList.Add(arg);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        return new ViewerProcess(Process.Start(start)!);
    }

    private static Task OpenCircuitAsync(IPage page, CircuitCount circuits) =>
        circuits.OneMoreAsync(() => page.GotoAsync("/not-found"), "");

    private static string Mb(double bytes) => Table.N(bytes / 1024 / 1024, "0.0");

    private static string Kb(double bytes) => Table.N(bytes / 1024, "0.0");

    private sealed class ViewerProcess(Process process) : IDisposable
    {
        public async Task<string> WaitForLineAsync(string prefix, TimeSpan limit)
        {
            using var cts = new CancellationTokenSource(limit);
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
                Console.WriteLine($"  viewers: {line}");
            }
            throw new InvalidOperationException($"The viewer process ended before {prefix}.");
        }

        public async Task SendAsync(string line)
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        public Task ExitAsync() => process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        public void Dispose()
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
    }
}
