using Microsoft.EntityFrameworkCore;
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
        // The same statements, type mappings and command pipeline as the create path's appended rows.
        if (!AppendedRows.ShapeFor(db, typeof(DueTimer)).Plain) return 0;
        await AppendedRows.WriteManyAsync(db, added, "the batch's timers", ct);
        foreach (var timer in added) db.Entry(timer).State = EntityState.Detached;
        return added.Count;
    }
}
