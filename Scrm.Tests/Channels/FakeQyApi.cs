using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scrm.Tests.Channels;

/// <summary>
/// A real local HTTP server standing in for qyapi.weixin.qq.com: /cgi-bin/gettoken and /cgi-bin/message/send, answering
/// as WeCom does and keeping every request it got.
/// </summary>
public sealed class FakeQyApi : IAsyncDisposable
{
    public const string CorpId = "ww-demo-corp";
    public const string Secret = "fake-app-secret";

    private readonly WebApplication _app;
    private int _tokens;

    /// <summary>Every gettoken query string, in order.</summary>
    public ConcurrentQueue<string> TokenRequests { get; } = new();

    /// <summary>Every message/send: the access_token it carried and its JSON body exactly as received.</summary>
    public ConcurrentQueue<(string Token, string Body)> Sent { get; } = new();

    /// <summary>Tokens message/send refuses, with the code to refuse them with: 42001 expired, 40014 invalid.</summary>
    public ConcurrentDictionary<string, int> Refused { get; } = new();

    public string BaseUrl { get; }

    public FakeQyApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/cgi-bin/gettoken", (HttpRequest request) =>
        {
            TokenRequests.Enqueue(request.QueryString.Value ?? "");
            if (request.Query["corpid"] != CorpId || request.Query["corpsecret"] != Secret)
                return Results.Json(new JsonObject { ["errcode"] = 40001, ["errmsg"] = "invalid credential" });
            var token = $"token-{Interlocked.Increment(ref _tokens)}";
            return Results.Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["access_token"] = token, ["expires_in"] = 7200 });
        });
        _app.MapPost("/cgi-bin/message/send", async (HttpRequest request) =>
        {
            var token = request.Query["access_token"].ToString();
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            if (Refused.TryGetValue(token, out var code))
                return Results.Json(new JsonObject { ["errcode"] = code, ["errmsg"] = "access_token refused" });
            Sent.Enqueue((token, body));
            return Results.Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["msgid"] = Guid.NewGuid().ToString("N") });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>The message/send bodies addressed to <paramref name="user"/>, parsed.</summary>
    public IReadOnlyList<JsonObject> SentTo(string user) =>
        Sent.Select(s => JsonNode.Parse(s.Body)!.AsObject()).Where(m => (string?)m["touser"] == user).ToList();

    public async Task<IReadOnlyList<JsonObject>> WaitForAsync(string user, int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (SentTo(user).Count < count && DateTime.UtcNow < until) await Task.Delay(20);
        return SentTo(user);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
