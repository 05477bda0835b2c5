using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;
using Scrm.App.Data.Interceptors;

namespace Scrm.App.Features.Timers;

/// <summary>
/// New timers of a handler's batch (an SLA ladder is several per ticket, hundreds per batch) inserted with one
/// multi-row INSERT per chunk, in the write's transaction, instead of EF's per-row insert commands: in a batch of 500
/// tickets EF's command building for the timers was the largest part of the SLA tracker's save. Values go through the
/// model's own type mappings (UTC ticks on SQLite), so the rows are those EF would have written. The rows are no
/// longer tracked afterwards: looking for one of them again in the same write finds it in the database.
/// </summary>
internal static class DueTimerRows
{
    /// <summary>Inserts the timers this context added and stops tracking them; nothing when the write has no transaction.</summary>
    public static async Task<int> InsertAddedAsync(ScrmDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) return 0;
        // Each Entry() call below would otherwise scan the timer for changes first: a third of this step's CPU, for a
        // state (Added) that only Add sets.
        return await db.WithoutChangeScanAsync(() =>
            InsertAsync(db, db.Tracked<DueTimer>().Where(t => t.Id == 0 && db.Entry(t).State == EntityState.Added).ToList(), ct));
    }

    private static async Task<int> InsertAsync(ScrmDbContext db, List<DueTimer> added, CancellationToken ct)
    {
        if (added.Count < 2) return 0;
        // The same statement head, type mappings and command pipeline as the create path's appended rows.
        var shape = AppendedRows.ShapeFor(db, typeof(DueTimer));
        if (shape.Head is null) return 0;
        await using var factory = db.GetService<IRelationalConnection>().DbConnection.CreateCommand();
        foreach (var chunk in added.Chunk(AppendedRows.RowsPerCommand))
        {
            var (sql, parameters) = AppendedRows.MultiRow(factory, shape, chunk);
            await AppendedRows.ExecuteAsync(db, sql.Append(';').ToString(), parameters, "the batch's timers", scalar: false, ct);
        }
        foreach (var timer in added) db.Entry(timer).State = EntityState.Detached;
        return added.Count;
    }
}
