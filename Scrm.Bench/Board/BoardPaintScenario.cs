using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Features.Tickets;
using Scrm.App.Realtime;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Geo;

namespace Scrm.Bench.Board;

/// <summary>
/// The full board: 56 open 华东 tickets per open status (504; the board query keeps the newest 50 per column, so
/// 450 are on the dispatcher's board). (a) First paint: each sample navigates a signed-in page to /board and reads,
/// in the page, the navigation and paint timings and when a MutationObserver installed before the document first saw
/// a card and the interactive marker; beside it the layout alone (/not-found) in the same browser. (b) A remote
/// change: as in <see cref="BoardScenario"/>, a writer in this process creates a ticket (the card appears in 新建) and
/// assigns it (the card moves to 已指派) through TicketService; the page notes when the card with that number and
/// version is in that column.
/// </summary>
internal static class BoardPaintScenario
{
    public const double FirstPaintTargetMs = 300;
    public const double MoveTargetP95Ms = 100;
    private const int WarmUp = 5;

    /// <summary>Seed for a 华东 board with 504 open tickets (4 regions × 9 open statuses × 56).</summary>
    public static readonly IReadOnlyDictionary<string, string> FullBoardSeed = new Dictionary<string, string>
    {
        ["Demo:Customers"] = "160",
        ["Demo:ClosedTickets"] = "300",
        ["Demo:OpenPerStatusPerRegion"] = "56",
    };

    // Installed before the document: when the first card and the interactive marker entered the DOM.
    private const string PaintProbe = """
        (() => {
          const m = window.__paint = {};
          const check = () => {
            const now = performance.now();
            if (m.cards === undefined && document.querySelector('article[data-testid=card]')) m.cards = now;
            if (m.ready === undefined && document.querySelector('[data-testid=board][data-ready=true]')) m.ready = now;
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
        })();
        """;

    private const string PaintRead = """
        () => {
          const n = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          const m = window.__paint || {};
          return JSON.stringify({
            ttfb: n.responseStart, responseEnd: n.responseEnd, dcl: n.domContentLoadedEventEnd,
            fcp: fcp ? fcp.startTime : -1, cards: m.cards ?? -1, ready: m.ready ?? -1,
            cardsInDom: document.querySelectorAll('article[data-testid=card]').length,
            nodes: document.getElementsByTagName('*').length, html: n.decodedBodySize });
        }
        """;

    // Notes the first moment each (data-number, data-version) is in the DOM, and in which column.
    private const string MoveProbe = """
        () => {
          const seen = window.__seen = {};
          const note = (el, t) => {
            const zone = el.closest('[data-status]');
            const key = el.getAttribute('data-number') + '|' + el.getAttribute('data-version') + '|' + (zone ? zone.getAttribute('data-status') : '');
            if (!(key in seen)) seen[key] = t;
          };
          new MutationObserver(records => {
            const t = performance.timeOrigin + performance.now();
            for (const r of records) {
              if (r.type === 'attributes') { if (r.target.matches('article[data-testid=card]')) note(r.target, t); continue; }
              for (const n of r.addedNodes) {
                if (n.nodeType !== 1) continue;
                if (n.matches('article[data-testid=card]')) note(n, t);
                for (const c of n.querySelectorAll('article[data-testid=card]')) note(c, t);
              }
            }
          }).observe(document.querySelector('[data-testid=board]'), { subtree: true, childList: true, attributes: true, attributeFilter: ['data-version'] });
        }
        """;

    private sealed record Paint(double Ttfb, double ResponseEnd, double Dcl, double Fcp, double Cards, double Ready, int CardsInDom, int Nodes, double Html);

    public static async Task RunAsync(BenchOptions options)
    {
        var paints = options.Int("paints", 50);
        var moves = options.Int("moves", 60);
        var gap = TimeSpan.FromMilliseconds(options.Int("gap", 50));
        Table.Machine("boardpaint");
        await using var app = BenchApp.Start("boardpaint", FullBoardSeed, kestrel: true);
        var open = await OpenEastTicketsAsync(app.ConnectionString);
        Console.WriteLine($"App up at {app.BaseUrl} in {app.StartupTime.TotalSeconds:0.0} s; {open} open 华东 tickets; dispatcher.east@demo.scrm at 1600×900");
        await using var browser = await BoardBrowser.StartAsync(app.BaseUrl!, "dispatcher.east@demo.scrm");
        if (options.Int("trace", 0) is > 0 and var traced)
        {
            await BoardPaintTrace.RunAsync(browser, ["/board", "/not-found"], traced);
            return;
        }

        var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(PaintProbe);
        var page = await context.NewPageAsync();
        var results = new Dictionary<string, List<Paint>> { ["/board"] = [], ["/board?compact=1"] = [], ["/not-found"] = [] };
        // Interleaved, so that load on the shared machine falls on all three alike.
        for (var i = -WarmUp; i < paints; i++)
            foreach (var (url, list) in results)
            {
                var paint = await PaintAsync(page, url);
                if (i >= 0) list.Add(paint);
            }
        var rows = new List<string[]>();
        foreach (var (url, list) in results)
        {
            rows.Add([url, Table.N(list.Count), P(list, p => p.Ttfb), P(list, p => p.ResponseEnd), P(list, p => p.Fcp), P(list, p => p.Cards),
                P(list, p => p.Ready), Table.N(list.Average(p => p.CardsInDom)), Table.N(list.Average(p => p.Nodes)), Table.N(list.Average(p => p.Html) / 1024, "0")]);
        }
        Table.Print($"Navigation → in the page, ms since navigation start, p50 / p95 over {paints} loads each (interleaved)",
            ["page", "loads", "first byte", "HTML received", "first contentful paint", "first card in DOM", "interactive (data-ready)", "cards in DOM", "elements", "HTML KiB"], rows);
        var fcp = new Latencies(results["/board"].Select(p => p.Fcp));
        Console.WriteLine($"First paint target ≤ {FirstPaintTargetMs:0} ms: {(fcp.Percentile(95) <= FirstPaintTargetMs ? "met" : fcp.Percentile(50) <= FirstPaintTargetMs ? "met at p50, MISSED at p95" : "MISSED")} " +
                          $"(/board first contentful paint p50 {fcp.Percentile(50):0.0} ms, p95 {fcp.Percentile(95):0.0} ms).");
        await context.CloseAsync();

        await MovesAsync(app, browser, moves, gap);
    }

    private static async Task<Paint> PaintAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        if (url.StartsWith("/board", StringComparison.Ordinal)) await BoardBrowser.BoardReadyAsync(page);
        // Paint timing entries are queued after the frame: wait for the next two frames before reading them.
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        return JsonSerializer.Deserialize<Paint>(await page.EvaluateAsync<string>(PaintRead), JsonOptions)!;
    }

    private static async Task MovesAsync(BenchApp app, BoardBrowser browser, int moves, TimeSpan gap)
    {
        var committed = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var commitClock = app.Services.GetRequiredService<ChangeNotifier>().Subscribe(change =>
        {
            committed.TryAdd($"{change.Number}|{change.Version}", BoardBrowser.NowMs());
            return Task.CompletedTask;
        });
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/board");
        await BoardBrowser.BoardReadyAsync(page);
        await page.EvaluateAsync(MoveProbe);
        var clock = await BoardBrowser.ClockOffsetAsync(page);

        var service = app.Services.GetRequiredService<TicketService>();
        var customers = await EastCustomersAsync(app.ConnectionString);
        long technician;
        await using (var connection = RawSqlite.Open(app.ConnectionString))
            technician = await RawSqlite.ScalarAsync<long>(connection, $"SELECT MIN(Id) FROM Technicians WHERE Region = '{Regions.East}'");
        long lastId = 0;
        var samples = new List<(string Kind, string Key, string Column, double ReturnedAt)>();
        for (var i = -10; i < moves * 2; i++)
        {
            string key, column;
            double returned;
            if (i % 2 == 0)
            {
                var created = await service.CreateAsync(BenchScopes.Admin, new NewTicketRequest
                {
                    Title = $"满看板 {i} 冷柜温度过高", Type = "Repair", Priority = "High", CustomerId = customers[(i + 10) / 2 % customers.Length],
                });
                returned = BoardBrowser.NowMs();
                lastId = created.Ticket.Row.Id;
                (key, column) = ($"{created.Ticket.Row.Number}|{created.Ticket.Row.Version}", "New");
                samples.Add(("create", key, column, returned));
            }
            else
            {
                var assigned = await service.AssignAsync(BenchScopes.Admin, lastId, technician, null);
                returned = BoardBrowser.NowMs();
                (key, column) = ($"{assigned.Row.Number}|{assigned.Row.Version}", "Assigned");
                samples.Add(("move", key, column, returned));
            }
            await Task.Delay(gap);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        var seen = JsonSerializer.Deserialize<Dictionary<string, double>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__seen)"))!;
        var counted = samples.Skip(10).ToList();
        var rows = new List<string[]>();
        Latencies? move = null;
        foreach (var kind in new[] { "create", "move" })
        {
            var of = counted.Where(s => s.Kind == kind).ToList();
            var latencies = new Latencies(of.Where(s => seen.ContainsKey($"{s.Key}|{s.Column}"))
                .Select(s => seen[$"{s.Key}|{s.Column}"] - clock.Offset - Math.Min(s.ReturnedAt, committed.GetValueOrDefault(s.Key, double.MaxValue))));
            if (kind == "move") move = latencies;
            rows.Add([kind == "create" ? "create → card appears in 新建" : "assign → card moves to 已指派", Table.N(of.Count), Table.N(latencies.Count),
                Latencies.Ms(latencies.Percentile(50)), Latencies.Ms(latencies.Percentile(95)), Latencies.Ms(latencies.Max)]);
        }
        var cards = await page.Locator("article[data-testid=card]").CountAsync();
        Table.Print($"Remote change → card in its column, one board with ~450 open cards ({cards} cards in the DOM at the end), {gap.TotalMilliseconds:0} ms apart, clock-corrected",
            ["change", "samples", "seen", "p50 ms", "p95 ms", "max ms"], rows);
        Console.WriteLine($"Page clock − host clock {clock.Offset:0.00} ms (±{clock.Rtt / 2:0.00}).");
        Console.WriteLine($"Move target p95 ≤ {MoveTargetP95Ms:0} ms: {(move!.Percentile(95) <= MoveTargetP95Ms ? "met" : "MISSED")} (p95 {move.Percentile(95):0.0} ms).");
        await context.CloseAsync();
    }

    private static string P(List<Paint> list, Func<Paint, double> pick)
    {
        var values = new Latencies(list.Select(pick).Where(v => v >= 0));
        return values.Count == 0 ? "-" : $"{Latencies.Ms(values.Percentile(50))} / {Latencies.Ms(values.Percentile(95))}";
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static async Task<long> OpenEastTicketsAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        return await RawSqlite.ScalarAsync<long>(connection,
            $"SELECT COUNT(*) FROM Tickets WHERE Region = '{Regions.East}' AND Status NOT IN ('Closed', 'Cancelled')");
    }

    private static async Task<long[]> EastCustomersAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Customers WHERE Region = $r ORDER BY Id";
        command.Parameters.AddWithValue("$r", Regions.East);
        var customers = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) customers.Add(reader.GetInt64(0));
        return [.. customers];
    }
}
