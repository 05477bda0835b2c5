using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scrm.Bench.Board;

/// <summary>
/// The floor under any server push: a bare SignalR hub (the transport Blazor Server itself rides on) in its own
/// minimal Kestrel app, and a page whose ~20-line client speaks SignalR's JSON protocol over a WebSocket and
/// writes each pushed (number, version) into a card's data attributes. No database, no rendering framework.
/// </summary>
internal sealed class PushBaseline : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PushBaseline(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public IHubContext<PushHub> Hub => _app.Services.GetRequiredService<IHubContext<PushHub>>();

    public static async Task<PushBaseline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        app.MapHub<PushHub>("/push");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PushBaseline(app, address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/'));
    }

    public Task PushAsync(string number, long version) => Hub.Clients.All.SendAsync("card", number, version);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // Direct WebSocket connect (SignalR's skipNegotiation), JSON hub protocol: records end with U+001E.
    private const string Page = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>push baseline</title></head>
        <body>
        <div data-testid="board"></div>
        <script>
        const board = document.querySelector('[data-testid=board]');
        const RS = '\u001e';
        const ws = new WebSocket(`ws://${location.host}/push`);
        let buffer = '';
        ws.onopen = () => ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);
        ws.onmessage = e => {
          buffer += e.data;
          for (let end = buffer.indexOf(RS); end >= 0; end = buffer.indexOf(RS)) {
            const message = JSON.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 1);
            if (message.type === undefined) board.dataset.ready = 'true';
            else if (message.type === 1 && message.target === 'card') show(...message.arguments);
          }
        };
        function show(number, version) {
          let card = board.querySelector(`article[data-number="${number}"]`);
          if (card) { card.dataset.version = version; return; }
          card = document.createElement('article');
          card.dataset.testid = 'card';
          card.dataset.number = number;
          card.dataset.version = version;
          card.textContent = number;
          board.prepend(card);
        }
        </script>
        </body></html>
        """;
}

/// <summary>Server-to-client only; nothing to declare.</summary>
internal sealed class PushHub : Hub;
