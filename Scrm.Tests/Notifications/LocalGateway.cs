using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scrm.Tests.Notifications;

/// <summary>
/// A real HTTP gateway on a loopback port (Kestrel): records each request's recipient and Idempotency-Key, answers
/// 503 to a recipient as many times as <see cref="FailFor"/> says, and can hold a request until a test lets it go.
/// </summary>
public sealed class LocalGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _received = new();

    private LocalGateway(WebApplication app) => _app = app;

    public ConcurrentQueue<(string To, string IdempotencyKey, string Text)> Requests { get; } = new();

    public string Url { get; private set; } = "";

    public static LocalGateway Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gateway = new LocalGateway(app);
        app.MapPost("/send", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var to = body.RootElement.GetProperty("to").GetString() ?? "";
            gateway.Requests.Enqueue((to, request.Headers["Idempotency-Key"].ToString(), body.RootElement.GetProperty("text").GetString() ?? ""));
            if (gateway._received.TryGetValue(to, out var seen)) seen.TrySetResult();
            return gateway.ShouldFail(to) ? Results.Problem("短信通道繁忙", statusCode: 503) : Results.Ok(new { accepted = true });
        });
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.Url = address.TrimEnd('/') + "/send";
        return gateway;
    }

    private bool ShouldFail(string to)
    {
        lock (_failuresLeft)
        {
            if (!_failuresLeft.TryGetValue(to, out var left) || left <= 0) return false;
            _failuresLeft[to] = left - 1;
            return true;
        }
    }

    /// <summary>The next <paramref name="times"/> requests for <paramref name="to"/> fail with 503.</summary>
    public void FailFor(string to, int times)
    {
        lock (_failuresLeft) _failuresLeft[to] = times;
    }

    /// <summary>Completes when a request for <paramref name="to"/> has arrived (and been recorded).</summary>
    public Task ReceivedFor(string to) => _received.GetOrAdd(to, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public List<string> KeysFor(string to) => Requests.Where(r => r.To == to).Select(r => r.IdempotencyKey).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
