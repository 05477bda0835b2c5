using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

/// <summary>
/// The notification rules by event, read once and kept: the handler sees every ticket event, and rules change rarely
/// (an Admin's save, which clears the cache). Another server's save is seen within
/// <see cref="NotificationOptions.RuleCacheSeconds"/>.
/// </summary>
public sealed class NotificationRuleCache(IDbContextFactory<ScrmDbContext> dbFactory, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private sealed record Snapshot(IReadOnlyDictionary<NotificationEvent, IReadOnlyList<NotificationRule>> ByEvent, DateTimeOffset ReadAt, long Generation);

    private Snapshot? _current;
    private long _generation;

    /// <summary>How many times the rules were read from the database (tests check that the cache holds).</summary>
    public int Reads { get; private set; }

    public async Task<IReadOnlyList<NotificationRule>> ForAsync(NotificationEvent e, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is null || clock.GetUtcNow() - snapshot.ReadAt > TimeSpan.FromSeconds(options.Value.RuleCacheSeconds))
            snapshot = await LoadAsync(ct);
        return snapshot.ByEvent.GetValueOrDefault(e) ?? [];
    }

    /// <summary>After a rule is saved (on commit): the next event reads the rules afresh.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _current, null);
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        // A save during this read bumps the generation: the snapshot is then used once but not kept.
        var generation = Interlocked.Read(ref _generation);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rows = await db.NotificationRules.AsNoTracking().ToListAsync(ct);
        Reads++;
        var snapshot = new Snapshot(rows.Select(r => r.Rule).GroupBy(r => r.Event)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<NotificationRule>)g.OrderBy(r => r.Key, StringComparer.Ordinal).ToList()),
            clock.GetUtcNow(), generation);
        if (Interlocked.Read(ref _generation) == generation) Volatile.Write(ref _current, snapshot);
        return snapshot;
    }
}
