using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scrm.Domain.Tickets;
using Xunit.Abstractions;

namespace Scrm.Tests.Events;

/// <summary>
/// The real app in a child process, under load, killed with SIGKILL while events are committed but not yet
/// delivered; restarted on the same database, it must deliver every event to every durable handler exactly once.
/// </summary>
public sealed class CrashRecovery(ITestOutputHelper output) : IDisposable
{
    private const string ApiKey = "crash-test-key";
    private const int MaxKills = 3;
    private static readonly string[] Cities = ["上海", "杭州", "南京", "苏州"];

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scrm-crash-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task EveryCommittedEventReachesEachHandlerExactlyOnceAcrossAKill()
    {
        var killedWithBacklog = 0;
        for (var kill = 1; kill <= MaxKills && killedWithBacklog == 0; kill++)
        {
            using var app = await StartAsync();
            var created = await LoadUntilKilledAsync(app, TimeSpan.FromSeconds(2));
            var backlog = Backlog();
            output.WriteLine($"kill {kill}: {created} tickets created, undelivered when killed: {string.Join(", ", backlog.Select(b => $"{b.Key}={b.Value}"))}");
            if (backlog.Values.Any(v => v > 0)) killedWithBacklog++;
        }
        killedWithBacklog.ShouldBe(1, "no kill landed between a commit and its delivery");

        using (var restarted = await StartAsync())
            await DrainedAsync(TimeSpan.FromSeconds(60));

        AssertDeliveredExactlyOnce();
    }

    /// <summary>Four clients open and cancel tickets until the process is killed under them.</summary>
    private static async Task<int> LoadUntilKilledAsync(ChildApp app, TimeSpan load)
    {
        var created = 0;
        using var stop = new CancellationTokenSource(load);
        var clients = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            using var http = app.Client();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var ticket = await PostAsync(http, "/api/v1/tickets", new
                {
                    title = $"冰柜不制冷 {writer}-{i}",
                    type = "Repair",
                    customer = new { name = $"压测门店 {writer}-{i}", phone = $"1370{writer}{i % 1000000:D6}" },
                    site = new { address = $"测试路 {i} 号", city = Cities[writer] },
                });
                if (ticket is null) return;
                Interlocked.Increment(ref created);
                await PostAsync(http, $"/api/v1/tickets/{(long)ticket["id"]!}/transitions", new { to = "Cancelled", comment = "压测取消" });
            }
        })).ToList();
        await Task.Delay(load);
        app.Kill();
        await Task.WhenAll(clients);
        return created;
    }

    private static async Task<JsonObject?> PostAsync(HttpClient http, string path, object body)
    {
        try
        {
            var response = await http.PostAsJsonAsync(path, body);
            response.EnsureSuccessStatusCode();
            return (JsonObject?)JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return null;  // the process is gone
        }
    }

    // ---- what the database says ----

    private static readonly Dictionary<string, string[]> DurableHandlers = new()
    {
        ["TicketDayCounter"] = [nameof(TicketCreated), nameof(TicketStatusChanged)],
        ["TechnicianWorkload"] = [nameof(TicketAssigned), nameof(TicketStatusChanged)],
    };

    private Dictionary<string, long> Backlog()
    {
        using var db = Open();
        return DurableHandlers.ToDictionary(h => h.Key, h => Scalar(db,
            $"SELECT COUNT(*) FROM OutboxMessages WHERE Type IN ({InList(h.Value)}) AND Id > " +
            $"COALESCE((SELECT Position FROM HandlerCheckpoints WHERE Handler = '{h.Key}'), 0)"));
    }

    private async Task DrainedAsync(TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (Backlog().Values.Any(v => v > 0))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The restarted app did not catch up: " + string.Join(", ", Backlog()));
            await Task.Delay(100);
        }
    }

    private void AssertDeliveredExactlyOnce()
    {
        using var db = Open();
        var events = Rows(db, "SELECT EventId, Type, Payload FROM OutboxMessages")
            .Select(r => (Id: Guid.Parse(r[0]), Type: r[1], To: (string?)JsonNode.Parse(r[2])!["to"]))
            .ToList();
        string[] counted = ["Resolved", "Closed", "Cancelled", "Reopened"];
        var expected = new Dictionary<string, HashSet<Guid>>
        {
            ["TicketDayCounter"] = events.Where(e => e.Type == nameof(TicketCreated) ||
                                                     (e.Type == nameof(TicketStatusChanged) && counted.Contains(e.To)))
                .Select(e => e.Id).ToHashSet(),
        };
        foreach (var (handler, ids) in expected)
        {
            var processed = Rows(db, $"SELECT EventId FROM ProcessedEvents WHERE Handler = '{handler}'").Select(r => Guid.Parse(r[0])).ToList();
            processed.Count.ShouldBe(ids.Count, handler);
            processed.ToHashSet().SetEquals(ids).ShouldBeTrue(handler);
        }
        // TechnicianWorkload is in order (ADR 0034): its progress is its position, which the drain above saw reach the end.
        Scalar(db, "SELECT COUNT(*) FROM ProcessedEvents WHERE Handler = 'TechnicianWorkload'").ShouldBe(0);
        // The effect, not only the bookkeeping: a doubled or lost delivery would show in the totals.
        Scalar(db, "SELECT COALESCE(SUM(Created), 0) FROM TicketDayCounts").ShouldBe(events.Count(e => e.Type == nameof(TicketCreated)));
        Scalar(db, "SELECT COALESCE(SUM(Cancelled), 0) FROM TicketDayCounts").ShouldBe(events.Count(e => e.To == "Cancelled"));
        Scalar(db, "SELECT COUNT(*) FROM ParkedEvents").ShouldBe(0);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string[]> Rows(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString()!).ToArray());
        return rows;
    }

    private static string InList(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    // ---- the child process ----

    private async Task<ChildApp> StartAsync()
    {
        var port = FreePort();
        var folder = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Scrm.App.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Scrm"] = $"Data Source={_database}",
                ["Demo__Seed"] = "true",
                ["Demo__Customers"] = "10",
                ["Demo__ClosedTickets"] = "10",
                ["Demo__OpenPerStatusPerRegion"] = "1",
                ["Demo__TechniciansPerRegion"] = "3",
                ["Demo__ApiKey"] = ApiKey,
                ["Events__InstanceId"] = "crash-test-host",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new ChildApp(process, new Uri($"http://127.0.0.1:{port}"));
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_database + suffix);
    }

    private sealed class ChildApp(Process process, Uri address) : IDisposable
    {
        public HttpClient Client()
        {
            var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            return http;
        }

        public async Task WaitUntilHealthyAsync(TimeSpan patience)
        {
            using var http = Client();
            var until = DateTime.UtcNow + patience;
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting.");
                try
                {
                    if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
                }
                catch (HttpRequestException)
                {
                }
                if (DateTime.UtcNow > until) throw new TimeoutException("The app did not become healthy.");
                await Task.Delay(100);
            }
        }

        /// <summary>SIGKILL on Linux: no shutdown hooks, no flushing, the process is simply gone.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited) Kill();
            process.Dispose();
        }
    }
}
