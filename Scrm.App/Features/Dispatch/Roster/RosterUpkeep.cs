using Microsoft.Extensions.Options;

namespace Scrm.App.Features.Dispatch.Roster;

/// <summary>
/// Loads every region's technicians into the roster when the app starts (after the database is prepared and seeded),
/// then reloads them on a timer: a shift that starts at 08:00 or a new day's job count changes the scores with no event.
/// </summary>
public sealed class RosterUpkeep(TechnicianRoster roster, IOptions<DispatchOptions> options, TimeProvider clock,
    ILogger<RosterUpkeep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.RosterReloadSeconds)), clock);
        do
        {
            try
            {
                await roster.ReloadAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Reloading the dispatch roster failed; the indexes stay as they were until the next reload");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
