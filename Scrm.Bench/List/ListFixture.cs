using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.List;

/// <summary>The app on a temporary file holding the demo's customers, technicians and users plus N bulk-loaded tickets.</summary>
internal sealed class ListFixture : IAsyncDisposable
{
    private static Task<ListFixture>? _shared;

    private ListFixture(BenchApp app, TimeSpan loadTime)
    {
        App = app;
        LoadTime = loadTime;
        Queries = app.Services.GetRequiredService<TicketQueries>();
    }

    public BenchApp App { get; }

    public TicketQueries Queries { get; }

    public TimeSpan LoadTime { get; }

    public static async Task<ListFixture> CreateAsync(int tickets)
    {
        var app = BenchApp.Start("list", new Dictionary<string, string>
        {
            ["Demo:ClosedTickets"] = "0",
            ["Demo:OpenPerStatusPerRegion"] = "0",
        });
        try
        {
            var started = Stopwatch.GetTimestamp();
            await TicketBulkLoader.LoadAsync(app.ConnectionString, tickets);
            return new ListFixture(app, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>One fixture per process, for BenchmarkDotNet's in-process runs; <see cref="DisposeSharedAsync"/> deletes it.</summary>
    public static Task<ListFixture> SharedAsync(int tickets) => _shared ??= CreateAsync(tickets);

    public static async Task DisposeSharedAsync()
    {
        if (_shared is not null) await (await _shared).DisposeAsync();
        _shared = null;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
