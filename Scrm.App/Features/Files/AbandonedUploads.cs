using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;

namespace Scrm.App.Features.Files;

/// <summary>
/// Uploads no ticket ever took: a public H5 visitor who chose a photo and never sent the form, a dialog closed after
/// an upload. Each is kept (for its uploader, or the visitor's next try) for <see cref="FileStoreOptions.AbandonedAfter"/>,
/// then the row goes in one write and the bytes after it — a row never names a file that is not there.
/// </summary>
public sealed class AbandonedUploads(WritePath writes, IFileStore store, IOptions<FileStoreOptions> options, TimeProvider clock,
    ILogger<AbandonedUploads> log)
{
    /// <summary>At most this many files per write, so a long backlog never holds the write gate for long.</summary>
    public const int BatchSize = 200;

    /// <summary>Removes the untaken uploads older than the limit; returns how many went.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.AbandonedAfter;
        var swept = 0;
        while (true)
        {
            // A ticket that takes one of these meanwhile changes its TicketId, a concurrency token: the batch is refused
            // and tried again next time, without the file it took.
            var gone = await writes.RunAsync(AccessScope.System, async (db, token) =>
            {
                // Untaken uploads are visible only to their uploaders (query filter); the sweep sees them all.
                var rows = await db.Attachments.IgnoreQueryFilters()
                    .Where(a => a.TicketId == null && a.UploadedAt < cutoff).OrderBy(a => a.Ref).Take(BatchSize).ToListAsync(token);
                db.Attachments.RemoveRange(rows);
                return rows.Select(a => a.Ref).ToList();
            }, ct);
            foreach (var fileRef in gone) await store.DeleteAsync(fileRef, ct);
            swept += gone.Count;
            if (gone.Count < BatchSize) break;
        }
        if (swept > 0) log.LogInformation("Removed {Count} uploads no ticket took within {Limit}", swept, options.Value.AbandonedAfter);
        return swept;
    }
}

/// <summary>Runs <see cref="AbandonedUploads"/> when the app starts and every <see cref="FileStoreOptions.SweepEvery"/>.</summary>
public sealed class AbandonedUploadSweeper(AbandonedUploads uploads, IOptions<FileStoreOptions> options, TimeProvider clock,
    ILogger<AbandonedUploadSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery > TimeSpan.Zero ? options.Value.SweepEvery : TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await uploads.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping abandoned uploads failed; they are tried again at the next sweep");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
