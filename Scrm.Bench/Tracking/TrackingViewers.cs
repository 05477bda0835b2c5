using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Scrm.App.Features.Tracking;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Tracking;

/// <summary>
/// The viewers' side of <see cref="TrackingScenario"/>, in a process of its own: opens N hub connections that follow one
/// token, says CONNECTED, waits for GO, then moves the ticket (OnHold ↔ InProgress) through the API U times and times
/// each viewer's "changed" (which carries the page's new body) for the new status, and prints one RESULT line.
/// </summary>
internal static class TrackingViewers
{
    public static async Task RunAsync(BenchOptions options)
    {
        var url = options.Text("url")!;
        var token = options.Text("token")!;
        var ticket = long.Parse(options.Text("ticket")!, CultureInfo.InvariantCulture);
        var count = options.Int("viewers", 1000);
        var updates = options.Int("updates", 10);
        var key = options.Text("key")!;

        var viewers = new Viewer[count];
        var started = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(50);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                viewers[i] = await Viewer.ConnectAsync(url, token);
            }
            finally
            {
                gate.Release();
            }
        }));
        var connectSeconds = started.Elapsed.TotalSeconds;
        Console.WriteLine($"CONNECTED {count} in {connectSeconds:0.0} s");
        if (Console.ReadLine() != "GO") return;

        using var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add("X-Api-Key", key);
        var latencies = new Latencies();
        var received = 0;
        // The first change after start-up runs cold code (the transition endpoint, the page's renderer, the hub's first
        // group send): timed and reported apart, so that the figures are the steady state's.
        foreach (var viewer in viewers) viewer.Expect("OnHold");
        var warmStart = Stopwatch.GetTimestamp();
        (await api.PostAsJsonAsync($"/api/v1/tickets/{ticket}/transitions", new { to = "OnHold", comment = "预热" })).EnsureSuccessStatusCode();
        var warmArrivals = await Task.WhenAll(viewers.Select(v => v.ArrivalAsync(TimeSpan.FromSeconds(30))));
        var warmupMs = warmArrivals.OfType<long>().Select(at => Stopwatch.GetElapsedTime(warmStart, at).TotalMilliseconds).DefaultIfEmpty(double.NaN).Max();
        (await api.PostAsJsonAsync($"/api/v1/tickets/{ticket}/transitions", new { to = "InProgress", comment = "预热" })).EnsureSuccessStatusCode();
        await Task.Delay(500);
        Console.WriteLine("WARM");
        for (var u = 0; u < updates; u++)
        {
            var to = u % 2 == 0 ? "OnHold" : "InProgress";
            foreach (var viewer in viewers) viewer.Expect(to);
            var sent = Stopwatch.GetTimestamp();
            var response = await api.PostAsJsonAsync($"/api/v1/tickets/{ticket}/transitions", new { to, comment = "等待配件到货" });
            var answered = Stopwatch.GetTimestamp();
            response.EnsureSuccessStatusCode();
            var arrivals = await Task.WhenAll(viewers.Select(v => v.ArrivalAsync(TimeSpan.FromSeconds(30))));
            foreach (var at in arrivals.OfType<long>())
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                received++;
            }
            var got = arrivals.OfType<long>().ToList();
            // Per update, for the hops: when the API answered, and the first and last viewer's arrival (monotonic ticks).
            Console.WriteLine($"UPDATE {u} {sent} {answered} {(got.Count > 0 ? got.Min() : 0)} {(got.Count > 0 ? got.Max() : 0)}");
            await Task.Delay(300);
        }
        // The hub's share alone: the server sends "changed" straight to the group and says when (the monotonic clock is
        // the machine's, the same in both processes); each viewer's arrival is timed against that.
        var fanout = new Latencies();
        for (var n = 0; n < updates; n++)
        {
            var status = $"Fanout{n}";
            foreach (var viewer in viewers) viewer.Expect(status);
            Console.WriteLine($"READY {status}");
            var sent = long.Parse(Console.ReadLine()!.Split(' ')[1], CultureInfo.InvariantCulture);
            var arrivals = await Task.WhenAll(viewers.Select(v => v.ArrivalAsync(TimeSpan.FromSeconds(30))));
            foreach (var at in arrivals.OfType<long>()) fanout.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
        }
        string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine($"RESULT updates={updates} received={received}/{updates * count} p50={F(latencies.Percentile(50))} " +
                          $"p95={F(latencies.Percentile(95))} p99={F(latencies.Percentile(99))} max={F(latencies.Max)} connect_s={F(connectSeconds)} " +
                          $"fan_received={fanout.Count}/{updates * count} fan_p50={F(fanout.Percentile(50))} fan_p95={F(fanout.Percentile(95))} " +
                          $"fan_p99={F(fanout.Percentile(99))} fan_max={F(fanout.Max)} warmup_ms={F(warmupMs)}");
        Console.ReadLine();
        await Task.WhenAll(viewers.Select(v => v.DisposeAsync().AsTask()));
    }

    private sealed class Viewer : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private string _expected = "";
        private TaskCompletionSource<long> _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Viewer(HubConnection connection)
        {
            _connection = connection;
            _connection.On<TrackingChange>("Changed", change =>
            {
                if (change.Status == Volatile.Read(ref _expected)) _arrival.TrySetResult(Stopwatch.GetTimestamp());
            });
        }

        public static async Task<Viewer> ConnectAsync(string url, string token)
        {
            // As the page's script connects: straight to a WebSocket, no negotiate request (one TCP connection per viewer).
            var connection = new HubConnectionBuilder().WithUrl(new Uri(new Uri(url), TrackingSetup.HubPath), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            }).Build();
            var viewer = new Viewer(connection);
            await connection.StartAsync();
            if (!await connection.InvokeAsync<bool>("FollowIn", token, "zh-CN")) throw new InvalidOperationException("The hub refused the token.");
            return viewer;
        }

        public void Expect(string status)
        {
            _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _expected, status);
        }

        public async Task<long?> ArrivalAsync(TimeSpan limit)
        {
            var done = await Task.WhenAny(_arrival.Task, Task.Delay(limit));
            return done == _arrival.Task ? await _arrival.Task : null;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
