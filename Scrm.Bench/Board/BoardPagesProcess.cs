using System.Diagnostics;
using Microsoft.Playwright;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Board;

/// <summary>
/// The browser's side of <see cref="BoardMemoryScenario"/>, in a process of its own, so that the Playwright client's
/// objects per page (page, frames, requests and responses it tracks) are not counted as the server's memory per page.
/// Signs in, says READY, then reads commands: CONTEXT (a new signed-in context), OPEN url (one more page in it, waits
/// for the board to be live when it is a board; answers OPENED), QUIT.
/// </summary>
internal static class BoardPagesProcess
{
    public static async Task RunAsync(BenchOptions options)
    {
        await using var browser = await BoardBrowser.StartAsync(options.Text("url")!, options.Text("email")!);
        Console.WriteLine("READY");
        IBrowserContext? context = null;
        while (Console.ReadLine() is { } line && line != "QUIT")
        {
            if (line == "CONTEXT")
            {
                context = await browser.NewContextAsync();
                Console.WriteLine("OK");
            }
            else if (line.StartsWith("OPEN ", StringComparison.Ordinal) && context is not null)
            {
                await OpenAsync(await context.NewPageAsync(), line[5..]);
                Console.WriteLine("OPENED");
            }
            else Console.WriteLine($"ERROR unknown command {line}");
        }
    }

    public static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        if (url.StartsWith("/board", StringComparison.Ordinal)) await BoardBrowser.BoardReadyAsync(page);
    }

    /// <summary>The parent's handle on the browser process.</summary>
    public sealed class Client(Process process) : IAsyncDisposable
    {
        public static async Task<Client> StartAsync(string baseUrl, string email)
        {
            var self = Environment.ProcessPath!;
            var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
                ? new ProcessStartInfo(self, [typeof(BoardPagesProcess).Assembly.Location])
                : new ProcessStartInfo(self);
            foreach (var arg in new[] { "boardpages", "--url", baseUrl, "--email", email }) start.ArgumentList.Add(arg);
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            var client = new Client(Process.Start(start)!);
            await client.ExpectAsync("READY", TimeSpan.FromMinutes(2));
            return client;
        }

        public async Task NewContextAsync()
        {
            await SendAsync("CONTEXT");
            await ExpectAsync("OK", TimeSpan.FromSeconds(60));
        }

        public async Task OpenAsync(string url)
        {
            await SendAsync("OPEN " + url);
            await ExpectAsync("OPENED", TimeSpan.FromSeconds(90));
        }

        private async Task SendAsync(string line)
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        private async Task ExpectAsync(string answer, TimeSpan limit)
        {
            using var cts = new CancellationTokenSource(limit);
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line == answer) return;
                Console.WriteLine($"  browser: {line}");
            }
            throw new InvalidOperationException($"The browser process ended before {answer}.");
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                await SendAsync("QUIT");
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try { await process.WaitForExitAsync(cts.Token); }
                catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
            }
            process.Dispose();
        }
    }
}
