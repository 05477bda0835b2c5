using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.Outbox;

namespace Scrm.Bench.Board;

/// <summary>
/// Server memory per open board: the app in this process with the full 华东 board of <see cref="BoardPaintScenario"/>;
/// a signed-in browser opens 20 pages of the layout alone (/not-found), then 20 boards, then 20 compact boards, each
/// page its own circuit, all kept open. After each batch: full blocking compacting GC, then the managed heap
/// (GC.GetTotalMemory) and the process's RSS. Growth per page = batch growth / pages. The browser is driven from a
/// process of its own (<see cref="BoardPagesProcess"/>): in this process the Playwright client's objects per page
/// were counted as the server's (--browser inproc keeps that way, for comparison with the older figures).
/// </summary>
internal static class BoardMemoryScenario
{
    public const double TargetKbPerBoard = 300;

    public static async Task RunAsync(BenchOptions options)
    {
        var pages = options.Int("pages", 20);
        var dumps = options.Text("gcdump");
        var inProcess = options.Text("browser") == "inproc";
        Table.Machine("boardmem");
        var circuits = new CircuitCount();
        await using var app = BenchApp.Start("boardmem", BoardPaintScenario.FullBoardSeed, kestrel: true, services: s =>
        {
            s.AddSingleton(circuits);
            s.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CountingCircuitHandler>());
        });
        Console.WriteLine($"App up at {app.BaseUrl} in {app.StartupTime.TotalSeconds:0.0} s; server GC {System.Runtime.GCSettings.IsServerGC}; " +
                          $"{pages} pages per batch as dispatcher.east@demo.scrm; browser {(inProcess ? "driven from this process" : "driven from its own process")}");
        await using var browser = inProcess
            ? (IPageOpener)await InProcessOpener.StartAsync(app.BaseUrl!, "dispatcher.east@demo.scrm")
            : new ProcessOpener(await BoardPagesProcess.Client.StartAsync(app.BaseUrl!, "dispatcher.east@demo.scrm"));
        string[] urls = ["/not-found", "/board", "/board?compact=1"];

        // The demo seed's events are still being worked through for a minute or so after start (SLA clocks, tracking
        // links, rollups): the heap that work builds up landed in whichever batch ran meanwhile, most often the first
        // (the layout's), so boards measured below the layout. Wait until every handler has reached the newest event.
        var settled = System.Diagnostics.Stopwatch.StartNew();
        while (settled.Elapsed < TimeSpan.FromMinutes(3) && (await OutboxBacklog.ReadAsync(app.ConnectionString)).Behind.Values.Any(b => b > 0))
            await Task.Delay(200);
        Console.WriteLine($"Handlers caught up with the seed after {settled.Elapsed.TotalSeconds:0.0} s: {await OutboxBacklog.DescribeAsync(app.ConnectionString)}");

        // Warm-up: JIT, EF's query cache, MudBlazor's statics; these pages stay open, inside the baseline. Three of each
        // (--warmup, 1 before the fifth round): DI compiles a scoped service's resolver at its second resolution and EF
        // its property accessors at first use, once per process, which otherwise landed in the first batch (~15 KB a page).
        var warmUp = options.Int("warmup", 3);
        await browser.NewContextAsync();
        for (var i = 0; i < warmUp; i++)
            foreach (var url in urls) await circuits.OneMoreAsync(() => browser.OpenAsync(url), $" for {url}");

        var before = await ServerMemory.MeasureAsync();
        if (dumps is not null) await GcDumpAsync(dumps, "warm");
        var rows = new List<string[]>();
        var perPage = new Dictionary<string, (double Heap, double Rss)>();
        foreach (var url in urls)
        {
            await browser.NewContextAsync();
            for (var i = 0; i < pages; i++) await circuits.OneMoreAsync(() => browser.OpenAsync(url), $" for {url}");
            var after = await ServerMemory.MeasureAsync();
            if (dumps is not null) await GcDumpAsync(dumps, url);
            var heap = (after.Heap - before.Heap) / pages;
            var rss = (after.Rss - before.Rss) / pages;
            perPage[url] = (heap, rss);
            rows.Add([url, Table.N(circuits.Open), $"{Mb(before.Heap)} → {Mb(after.Heap)}", Kb(heap), $"{Mb(before.Rss)} → {Mb(after.Rss)}", Kb(rss)]);
            before = after;
        }
        // The layout once more after the boards: if background work still moved the heap, the two layout rows disagree.
        await browser.NewContextAsync();
        for (var i = 0; i < pages; i++) await circuits.OneMoreAsync(() => browser.OpenAsync(urls[0]), $" for {urls[0]}");
        var again = await ServerMemory.MeasureAsync();
        rows.Add([urls[0] + " (again)", Table.N(circuits.Open), $"{Mb(before.Heap)} → {Mb(again.Heap)}", Kb((again.Heap - before.Heap) / pages),
            $"{Mb(before.Rss)} → {Mb(again.Rss)}", Kb((again.Rss - before.Rss) / pages)]);
        Table.Print($"Server memory per open page, {pages} more pages per row (each its own circuit, all kept open), after a full compacting GC",
            ["page", "circuits open", "managed heap MB", "heap KB per page", "RSS MB", "RSS KB per page"], rows);
        foreach (var board in urls.Skip(1))
        {
            var (heap, rss) = perPage[board];
            Console.WriteLine($"{board}: {Kb(heap)} KB managed heap per board ({Kb(heap - perPage["/not-found"].Heap)} KB above the layout's circuit), " +
                              $"{Kb(rss)} KB RSS per board. Target ≤ {TargetKbPerBoard:0} KB per board: {(heap / 1024 <= TargetKbPerBoard ? "met" : "MISSED")} (managed heap).");
        }
    }

    /// <summary>Opens pages, each its own circuit, in the current context (a new one per batch).</summary>
    private interface IPageOpener : IAsyncDisposable
    {
        Task NewContextAsync();

        Task OpenAsync(string url);
    }

    private sealed class ProcessOpener(BoardPagesProcess.Client client) : IPageOpener
    {
        public Task NewContextAsync() => client.NewContextAsync();

        public Task OpenAsync(string url) => client.OpenAsync(url);

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }

    private sealed class InProcessOpener(BoardBrowser browser) : IPageOpener
    {
        private IBrowserContext? _context;

        public static async Task<InProcessOpener> StartAsync(string baseUrl, string email) =>
            new(await BoardBrowser.StartAsync(baseUrl, email));

        public async Task NewContextAsync() => _context = await browser.NewContextAsync();

        public async Task OpenAsync(string url) => await BoardPagesProcess.OpenAsync(await _context!.NewPageAsync(), url);

        public ValueTask DisposeAsync() => browser.DisposeAsync();
    }

    /// <summary>
    /// A heap snapshot of this process after the batch (--gcdump DIR; needs dotnet-gcdump on PATH or in /tmp/tools):
    /// `dotnet-gcdump report` on two of them shows which types a batch of pages added.
    /// </summary>
    private static async Task GcDumpAsync(string directory, string label)
    {
        Directory.CreateDirectory(directory);
        var tool = File.Exists("/tmp/tools/dotnet-gcdump") ? "/tmp/tools/dotnet-gcdump" : "dotnet-gcdump";
        var file = Path.Combine(directory, label.Trim('/').Replace('/', '_').Replace('?', '_').Replace('=', '_') + ".gcdump");
        using var process = System.Diagnostics.Process.Start(tool, ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", file]);
        await process.WaitForExitAsync();
        Console.WriteLine($"gcdump {label}: {file}");
    }

    private static string Mb(double bytes) => Table.N(bytes / 1024 / 1024, "0.0");

    private static string Kb(double bytes) => Table.N(bytes / 1024, "0");
}
