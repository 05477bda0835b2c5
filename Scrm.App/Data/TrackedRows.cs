using Microsoft.EntityFrameworkCore;

namespace Scrm.App.Data;

public static class TrackedRows
{
    /// <summary>
    /// The rows of <typeparamref name="T"/> this context tracks, for a write that looks for one it added itself. Unlike
    /// <c>DbSet.Local</c> it does not scan every tracked entity for changes first: a handler's batch tracks hundreds of
    /// tickets, and a lookup per ticket made that scan quadratic. Only for rows added with <c>Add</c> or loaded, which
    /// are tracked at once; a row only reachable through a navigation is found after the next DetectChanges.
    /// </summary>
    public static IEnumerable<T> Tracked<T>(this DbContext db) where T : class =>
        // The view is taken without the scan; enumerating it later never scans either.
        db.WithoutChangeScan(() => db.Set<T>().Local);

    /// <summary>
    /// Runs <paramref name="run"/> with EF's automatic change detection off, so that the Entries()/Entry()/Local calls
    /// in it do not each compare every tracked row first; the setting is restored after it. The save detects as usual.
    /// </summary>
    public static T WithoutChangeScan<T>(this DbContext db, Func<T> run)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return run();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <inheritdoc cref="WithoutChangeScan{T}"/>
    public static async Task<T> WithoutChangeScanAsync<T>(this DbContext db, Func<Task<T>> run)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return await run();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Saves what the context changed, if anything, comparing the tracked rows with their snapshots once: asking
    /// HasChanges() and then saving would compare them twice, and inside the writer loop a handler's batch of hundreds
    /// of tracked rows makes each comparison count. Returns whether it saved.
    /// </summary>
    public static async Task<bool> SaveIfChangedAsync(this DbContext db, CancellationToken ct)
    {
        var tracker = db.ChangeTracker;
        if (tracker.AutoDetectChangesEnabled) tracker.DetectChanges();
        if (!db.WithoutChangeScan(tracker.HasChanges)) return false;
        await db.WithoutChangeScanAsync(() => db.SaveChangesAsync(ct));
        return true;
    }
}
