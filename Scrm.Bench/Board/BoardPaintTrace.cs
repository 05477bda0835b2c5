using System.Text.Json;
using Microsoft.Playwright;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Board;

/// <summary>
/// Where a page's first paint goes (boardpaint --trace N): N loads of each page under Chromium's tracing, and for
/// each load the renderer main thread's work between navigation start and first contentful paint, by trace event
/// (self time, so that parsing a stylesheet inside the HTML parser is counted once), with the stylesheets and
/// scripts the page fetched before that paint. Medians over the N loads.
/// </summary>
internal static class BoardPaintTrace
{
    private const string Categories =
        "devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,loading,toplevel,v8";

    private sealed record Load(double FcpMs, Dictionary<string, double> SelfMs, List<Fetch> Fetches);

    private sealed record Fetch(string Name, double StartTime, double ResponseEnd, double TransferSize, string RenderBlockingStatus);

    // The page's own resource timing: whether a file came from the network (transferSize > 0) and blocked rendering.
    private const string FetchesRead = """
        () => JSON.stringify(performance.getEntriesByType('resource').map(r => ({
          name: new URL(r.name).pathname, startTime: r.startTime, responseEnd: r.responseEnd,
          transferSize: r.transferSize, renderBlockingStatus: r.renderBlockingStatus || '' })))
        """;

    public static async Task RunAsync(BoardBrowser browser, IReadOnlyList<string> urls, int loads)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        foreach (var url in urls) await page.GotoAsync(url);
        var results = urls.ToDictionary(u => u, _ => new List<Load>());
        for (var i = 0; i < loads; i++)
            foreach (var url in urls)
                results[url].Add(await TraceOneAsync(page, url));
        foreach (var (url, list) in results) Print(url, list);
        await context.CloseAsync();
    }

    // Through the DevTools protocol (Playwright 1.64 has no tracing call of its own): the events come in batches.
    private static async Task<Load> TraceOneAsync(IPage page, string url)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var events = new List<JsonElement>();
        var complete = new TaskCompletionSource();
        cdp.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            lock (events) events.AddRange(data!.Value.GetProperty("value").EnumerateArray().Select(e => e.Clone()));
        };
        cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await cdp.SendAsync("Tracing.start", new() { ["categories"] = Categories, ["transferMode"] = "ReportEvents" });
        await page.GotoAsync(url);
        if (url.StartsWith("/board", StringComparison.Ordinal)) await BoardBrowser.BoardReadyAsync(page);
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var fetches = JsonSerializer.Deserialize<List<Fetch>>(await page.EvaluateAsync<string>(FetchesRead), JsonOptions)!;
        await cdp.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await cdp.DetachAsync();
        lock (events) return Analyse(events) with { Fetches = fetches };
    }

    private static Load Analyse(List<JsonElement> all)
    {
        var fcp = all.Last(e => Name(e) == "firstContentfulPaint");
        var (pid, frame) = (fcp.GetProperty("pid").GetInt32(), fcp.GetProperty("args").GetProperty("frame").GetString());
        var start = all.Last(e => Name(e) == "navigationStart" && Frame(e) == frame && Ts(e) <= Ts(fcp));
        var (from, to) = (Ts(start), Ts(fcp));
        var main = all.First(e => Name(e) == "thread_name" && e.GetProperty("pid").GetInt32() == pid &&
                                  e.GetProperty("args").GetProperty("name").GetString() == "CrRendererMain").GetProperty("tid").GetInt32();
        var slices = all.Where(e => e.GetProperty("ph").GetString() == "X" && e.GetProperty("pid").GetInt32() == pid &&
                                    e.GetProperty("tid").GetInt32() == main && e.TryGetProperty("dur", out _))
            .Select(e => (Name: Name(e) ?? "", Start: Ts(e), End: Ts(e) + e.GetProperty("dur").GetDouble()))
            .Where(s => s.End > from && s.Start < to)
            .OrderBy(s => s.Start).ThenByDescending(s => s.End).ToList();
        return new Load((to - from) / 1000, SelfTimes(slices, from, to), []);
    }

    /// <summary>Each slice's duration inside the window less its children's, summed by name (µs → ms).</summary>
    private static Dictionary<string, double> SelfTimes(List<(string Name, double Start, double End)> slices, double from, double to)
    {
        var self = new Dictionary<string, double>();
        var stack = new Stack<(string Name, double End)>();
        foreach (var s in slices)
        {
            while (stack.Count > 0 && stack.Peek().End <= s.Start) stack.Pop();
            var length = (Math.Min(s.End, to) - Math.Max(s.Start, from)) / 1000;
            self[s.Name] = self.GetValueOrDefault(s.Name) + length;
            if (stack.Count > 0) self[stack.Peek().Name] -= length;
            stack.Push((s.Name, s.End));
        }
        return self;
    }

    private static void Print(string url, List<Load> loads)
    {
        var fcp = new Latencies(loads.Select(l => l.FcpMs));
        var names = loads.SelectMany(l => l.SelfMs.Keys).Distinct()
            .Select(n => (Name: n, Median: new Latencies(loads.Select(l => l.SelfMs.GetValueOrDefault(n))).Percentile(50)))
            .Where(n => n.Median >= 0.5).OrderByDescending(n => n.Median).ToList();
        Table.Print($"{url}: renderer main thread from navigation start to first contentful paint (p50 {fcp.Percentile(50):0.0} ms over {loads.Count} traced loads), self ms, median",
            ["trace event", "ms"], names.Select(n => new[] { n.Name, Table.N(n.Median, "0.0") }));
        var fetched = loads.SelectMany(l => l.Fetches).GroupBy(f => f.Name).Select(g => new[]
        {
            g.Key, Table.N(g.Count()), Table.N(g.Count(f => f.TransferSize > 0)), g.First().RenderBlockingStatus,
            Table.N(new Latencies(g.Select(f => f.StartTime)).Percentile(50), "0.0"), Table.N(new Latencies(g.Select(f => f.ResponseEnd)).Percentile(50), "0.0"),
        });
        Table.Print($"{url}: files the page fetched (resource timing)", ["path", "loads", "from the network", "render-blocking", "start p50 ms", "end p50 ms"], fetched);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static string? Name(JsonElement e) => e.TryGetProperty("name", out var n) ? n.GetString() : null;

    private static double Ts(JsonElement e) => e.GetProperty("ts").GetDouble();

    private static string? Frame(JsonElement e) =>
        e.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("frame", out var f) ? f.GetString() : null;
}
