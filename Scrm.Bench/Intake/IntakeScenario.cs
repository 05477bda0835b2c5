using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scrm.App.Features.Intake;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Intake;

/// <summary>
/// The public H5 intake over loopback HTTP (Kestrel, this process; the load generator shares the machine's cores):
/// GET /s/equipment-repair, then valid submissions (each a new customer and a ticket), then a 9:1 mix of the two for
/// --requests requests with the server's managed heap (after a full GC) and RSS sampled every tenth of the way.
/// The rate limit is switched off (Intake:PostsPerMinute 0); antiforgery and the idempotency key work as in a browser.
/// --live N: after the warm-up, only valid POSTs for N seconds, the process id printed first (for dotnet-trace).
/// --filing none: a valid POST files no ticket (no create, no events, no handlers): the POST's own cost. Bench only.
/// Baseline, in the same run and process: a bare Kestrel endpoint at the same path answering the bytes the app answered
/// (the form page; for a POST, after reading the form, the thank-you page) with no antiforgery, validation or ticket.
/// </summary>
internal static partial class IntakeScenario
{
    public const double TargetGetsPerSecond = 2000, TargetPostsPerSecond = 300;
    private const string Path = "/s/equipment-repair";

    public static async Task RunAsync(BenchOptions options)
    {
        var seconds = options.Int("seconds", 10);
        var lanes = options.Int("lanes", 16);
        var requests = options.Int("requests", 100_000);
        Table.Machine("intake");
        await using var app = BenchApp.Start("intake", new Dictionary<string, string>
        {
            ["Demo:Customers"] = "50",
            ["Demo:ClosedTickets"] = "0",
            ["Demo:OpenPerStatusPerRegion"] = "0",
            ["Intake:PostsPerMinute"] = "0",
        }, kestrel: true, services: options.Text("filing") == "none" ? s => s.AddSingleton<IIntakeFiling, NoFiling>() : null);
        Console.WriteLine($"App up at {app.BaseUrl} in {app.StartupTime.TotalSeconds:0.0} s; server GC {System.Runtime.GCSettings.IsServerGC}; {lanes} client lanes");
        var visitors = await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Visitor.OpenAsync(app.BaseUrl!)));

        await using var bare = await BareEndpoint.StartAsync(await visitors[0].GetBytesAsync(), await visitors[0].PostBytesAsync(-1));
        var bareVisitors = await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Visitor.OpenAsync(bare.BaseUrl)));
        Console.WriteLine($"Baseline: bare Kestrel endpoint at {bare.BaseUrl}, page {bare.PageBytes:N0} B, thank-you {bare.ThanksBytes:N0} B");

        await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(2), (lane, _) => visitors[lane].GetAsync()); // warm-up
        await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(2), (lane, i) => visitors[lane].PostAsync(i));
        if (options.Int("live", 0) is var live and > 0)
        {
            await LiveAsync(lanes, live, visitors);
            return;
        }
        await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(1), (lane, _) => bareVisitors[lane].GetAsync());
        await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(1), (lane, i) => bareVisitors[lane].PostAsync(i));
        var gets = await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(seconds), (lane, _) => visitors[lane].GetAsync());
        var bareGets = await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(seconds), (lane, _) => bareVisitors[lane].GetAsync());
        var posts = await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(seconds), (lane, i) => visitors[lane].PostAsync(i));
        var barePosts = await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(seconds), (lane, i) => bareVisitors[lane].PostAsync(i));
        Table.Print($"Public intake over loopback HTTP, {lanes} concurrent clients, {seconds} s each",
            ["request", "requests/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/request (both sides)", "target"],
            [
                Row("GET " + Path, gets, TargetGetsPerSecond),
                Row("  baseline: bare endpoint, same bytes", bareGets, null),
                Row("POST " + Path + " (valid, creates a ticket)", posts, TargetPostsPerSecond),
                Row("  baseline: bare endpoint reads the form, same thank-you bytes", barePosts, null),
            ]);

        var samples = new List<string[]>();
        var done = 0;
        var step = requests / 10;
        var clock = Stopwatch.StartNew();
        samples.Add(Sample(0, clock.Elapsed));
        for (var tenth = 1; tenth <= 10; tenth++)
        {
            await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => Task.Run(async () =>
            {
                for (long i = lane; Interlocked.Increment(ref done) <= step * tenth; i++)
                    await (i % 10 == 0 ? visitors[lane].PostAsync(i) : visitors[lane].GetAsync());
            })));
            done = step * tenth;
            samples.Add(Sample(done, clock.Elapsed));
        }
        Table.Print($"Server memory over {requests:N0} requests (9 GET : 1 valid POST), after a full compacting GC",
            ["requests", "elapsed s", "managed heap MB", "RSS MB"], samples);
    }

    /// <summary>Accepts every submission without a ticket, so that a POST costs only its own work.</summary>
    private sealed class NoFiling : IIntakeFiling
    {
        private long _last;

        public Task<IntakeOutcome.Accepted> FileAsync(NewTicketRequest request, string? idempotencyKey, CancellationToken ct)
        {
            var id = Interlocked.Increment(ref _last);
            return Task.FromResult(new IntakeOutcome.Accepted($"NF{id:D10}", id));
        }
    }

    /// <summary>For a profiler: valid POSTs only for <paramref name="seconds"/>, announced so that a trace can attach.</summary>
    private static async Task LiveAsync(int lanes, int seconds, Visitor[] visitors)
    {
        Console.WriteLine($"LIVE {Environment.ProcessId}");
        var run = await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(seconds), (lane, i) => visitors[lane].PostAsync(i));
        Console.WriteLine($"LIVE END {run.Operations} POSTs, {run.PerSecond:0}/s, p99 {run.Latencies.Percentile(99):0.0} ms, " +
            $"{run.CpuMsPerOperation:0.00} CPU ms/POST");
    }

    private static string[] Row(string name, LoadResult r, double? target) =>
    [
        name, Table.N(r.PerSecond), Table.N(r.Latencies.Percentile(50), "0.0"), Table.N(r.Latencies.Percentile(95), "0.0"),
        Table.N(r.Latencies.Percentile(99), "0.0"), Table.N(r.CpuMsPerOperation, "0.00"),
        target is { } t ? $"≥ {t:0}/s {(r.PerSecond >= t ? "met" : "MISSED")}" : "—",
    ];

    /// <summary>The baseline: Kestrel in this process answering recorded bytes, nothing else.</summary>
    private sealed class BareEndpoint(WebApplication app, string baseUrl, int pageBytes, int thanksBytes) : IAsyncDisposable
    {
        public string BaseUrl => baseUrl;
        public int PageBytes => pageBytes;
        public int ThanksBytes => thanksBytes;

        public static async Task<BareEndpoint> StartAsync(byte[] page, byte[] thanks)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            const string html = "text/html; charset=utf-8";
            app.MapGet(Path, () => Results.Bytes(page, html));
            app.MapPost(Path, async (HttpRequest request) =>
            {
                await request.ReadFormAsync();
                return Results.Bytes(thanks, html);
            });
            await app.StartAsync();
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            return new BareEndpoint(app, url, page.Length, thanks.Length);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static string[] Sample(int requests, TimeSpan elapsed)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return [requests.ToString("N0"), Table.N(elapsed.TotalSeconds, "0.0"), Table.N(GC.GetTotalMemory(false) / 1048576.0, "0.0"),
            Table.N(process.WorkingSet64 / 1048576.0, "0.0")];
    }

    /// <summary>One browser: its own cookies and the antiforgery token of the page it opened.</summary>
    private sealed partial class Visitor(HttpClient client, string token)
    {
        public static async Task<Visitor> OpenAsync(string baseUrl)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true })
            {
                BaseAddress = new Uri(baseUrl),
            };
            var page = await client.GetStringAsync(Path);
            return new Visitor(client, Token().Match(page).Groups[1].Value);
        }

        public async Task GetAsync()
        {
            using var response = await client.GetAsync(Path, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET answered {response.StatusCode}.");
        }

        public Task<byte[]> GetBytesAsync() => client.GetByteArrayAsync(Path);

        /// <summary>One valid submission's answer, the thank-you page.</summary>
        public async Task<byte[]> PostBytesAsync(long i)
        {
            using var response = await client.PostAsync(Path, Form(i));
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST answered {response.StatusCode}.");
            return await response.Content.ReadAsByteArrayAsync();
        }

        public async Task PostAsync(long i)
        {
            using var content = Form(i);
            using var response = await client.PostAsync(Path, content);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"POST answered {response.StatusCode}: {(await response.Content.ReadAsStringAsync())[..300]}");
        }

        private FormUrlEncodedContent Form(long i) => new(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_submission"] = Guid.NewGuid().ToString("N"),
                ["contact_name"] = "压测客户",
                ["mobile"] = $"13{Random.Shared.Next(100_000_000, 999_999_999)}",
                ["service_kind"] = "售后维修",
                ["device_model"] = "KX-200",
                ["fault"] = "空调不制冷，开机后只吹热风。",
                ["_city"] = (Math.Abs(i) % 3) switch { 0 => "上海", 1 => "广州", _ => "北京" },
                ["_address"] = $"测试路 {Math.Abs(i) % 500} 号",
            });

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex Token();
    }
}
