using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scrm.App.Data;
using Scrm.App.Features.Notifications;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Notifications;

namespace Scrm.Bench.Notify;

/// <summary>
/// The notification outbox draining N pending SMS deliveries to a local Kestrel gateway: the app's DeliveryWorker
/// (claim a batch with a lease, send concurrently through the typed HttpClient, mark the batch sent in one write),
/// beside a raw HttpClient posting the same messages with the same concurrency and no database (the baseline).
/// </summary>
internal static class NotifyScenario
{
    public const double TargetPerSecond = 2_000;

    public static async Task RunAsync(BenchOptions options)
    {
        var count = options.Int("messages", 10_000);
        var batch = options.Int("batch", 500);
        var concurrency = options.Int("concurrency", 32);
        Table.Machine("notify");
        await using var gateway = await Gateway.StartAsync();
        await using var app = BenchApp.Start("notify", new Dictionary<string, string>
        {
            ["Demo:Seed"] = "false",
            ["Channels:Sms:Url"] = gateway.Url,
            ["Notifications:WorkerEnabled"] = "false",
            ["Notifications:BatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var worker = app.Services.GetRequiredService<DeliveryWorker>();

        await PrefillAsync(app, 500, "warm-up");
        while (await worker.RunOnceAsync(CancellationToken.None) > 0) { }
        await PrefillAsync(app, count, "bench");
        gateway.Reset();

        var clock = Stopwatch.StartNew();
        var passes = 0;
        while (await worker.RunOnceAsync(CancellationToken.None) > 0) passes++;
        var outbox = clock.Elapsed;
        int sent;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System))
            sent = await db.NotificationDeliveries.CountAsync(d => d.RuleKey == "bench" && d.Status == DeliveryStatus.Sent);
        var received = gateway.Received;

        gateway.Reset();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, gateway.Url)
            {
                Content = JsonContent.Create(new { to = Phone(i), subject = "工单已受理", text = Text(i), ticket = $"SH-{i}", messageId = $"raw-{i}" }),
            };
            request.Headers.Add("Idempotency-Key", $"raw-{i}");
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        });
        var raw = clock.Elapsed;

        Table.Print($"Delivering {count:N0} pending SMS to a local HTTP gateway (batch {batch}, {concurrency} concurrent sends)",
            ["path", "messages", "seconds", "msgs/s", "notes"],
        [
            ["DeliveryWorker (claim + send + mark sent, SQLite)", Table.N(sent), Table.N(outbox.TotalSeconds, "0.000"), Table.N(sent / outbox.TotalSeconds),
                $"{passes} passes; gateway received {received:N0}"],
            ["raw HttpClient, same messages (baseline)", Table.N(count), Table.N(raw.TotalSeconds, "0.000"), Table.N(count / raw.TotalSeconds), "no database"],
        ]);
        Console.WriteLine($"Target: ≥ {TargetPerSecond:N0} msgs/s: {(sent == count && sent / outbox.TotalSeconds >= TargetPerSecond ? "met" : "MISSED")}.");
    }

    private static string Phone(int i) => $"139{i:D8}";

    private static string Text(int i) => $"【Scrm】您的报修单 SH-20261127-{i:D4} 已受理，我们会尽快安排技师。";

    /// <summary>Pending rows written straight to the table (not measured), as the notification handler would have queued them.</summary>
    private static async Task PrefillAsync(BenchApp app, int count, string rule)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        var now = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(2_000))
        {
            await using var db = await factory.CreateForAsync(AccessScope.System);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.NotificationDeliveries.AddRange(chunk.Select(i => new NotificationDelivery
            {
                DedupKey = $"{rule}|{i}|{Guid.NewGuid():N}", EventId = Guid.NewGuid(), RuleKey = rule, Region = "华东", Channel = NotificationChannel.Sms,
                RecipientKind = RecipientKind.Customer, RecipientKey = $"customer:{i}", RecipientName = "星巴克（南京西路店）", Address = Phone(i),
                Subject = "报修已受理", Body = Text(i), Status = DeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>A gateway that accepts everything and counts it.</summary>
    private sealed class Gateway : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _received;

        private Gateway(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public int Received => Volatile.Read(ref _received);

        public void Reset() => Interlocked.Exchange(ref _received, 0);

        public static async Task<Gateway> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var gateway = new Gateway(app);
            app.MapPost("/sms", async (HttpRequest request) =>
            {
                // Read the body as a gateway would before answering.
                using var reader = new StreamReader(request.Body);
                await reader.ReadToEndAsync();
                Interlocked.Increment(ref gateway._received);
                return Results.Ok();
            });
            await app.StartAsync();
            gateway.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/sms";
            return gateway;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
