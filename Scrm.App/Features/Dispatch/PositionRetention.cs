using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;

namespace Scrm.App.Features.Dispatch;

/// <summary>Deletes GPS pings older than the retention period, once an hour.</summary>
public sealed class PositionRetention(WritePath writes, IOptions<DispatchOptions> options, TimeProvider clock,
    ILogger<PositionRetention> log) : BackgroundService
{
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.PositionRetentionDays);
        return await writes.RunAsync(AccessScope.System,
            (db, token) => db.TechnicianPositions.Where(p => p.RecordedAt < cutoff).ExecuteDeleteAsync(token), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                if (deleted > 0) log.LogInformation("Deleted {Count} positions older than {Days} days", deleted, options.Value.PositionRetentionDays);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping old positions failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
