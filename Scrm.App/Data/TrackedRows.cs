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
    public static IEnumerable<T> Tracked<T>(this DbContext db) where T : class
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            // The view is taken without the scan; enumerating it later never scans either.
            return db.Set<T>().Local;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
