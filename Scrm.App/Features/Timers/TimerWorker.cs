using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;

namespace Scrm.App.Features.Timers;

/// <summary>
/// Fires due timers. A pass claims a batch with one conditional UPDATE (only one worker can win a timer), reads back
/// what it won, and fires it: each handler's change and the fired mark commit in one transaction, the mark again
/// conditional on the claim, so a timer's effect is kept once however many workers share the database (ADR 0010).
/// Between passes it sleeps until the next timer falls due, or until this process schedules one.
/// </summary>
public sealed class TimerWorker(IEnumerable<ITimerHandler> handlers, WritePath writes, IDbContextFactory<ScrmDbContext> dbFactory,
    TimerSignal signal, IOptions<TimerOptions> options, TimeProvider clock, ILogger<TimerWorker> log) : BackgroundService
{
    private readonly TimerOptions _options = options.Value;
    private readonly Dictionary<string, ITimerHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>One pass: claims what is due now (at most a batch) and fires it; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct = default) => (await PassAsync(ct)).Fired;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (_handlers.Count == 0) return;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Taken before the pass: a timer committed after the pass looked still wakes this sleep.
                var woken = signal.Next;
                var (claimed, _) = await PassAsync(stop);
                if (claimed >= _options.BatchSize) continue;
                await SleepAsync(woken, await NextWakeAsync(stop), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Firing timers failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stop);
            }
        }
    }

    private async Task<(int Claimed, int Fired)> PassAsync(CancellationToken ct)
    {
        var claim = $"{Truncate(_options.InstanceId, 150)} {Guid.NewGuid():N}";
        var claimed = await ClaimAsync(claim, ct);
        if (claimed.Count == 0) return (0, 0);
        try
        {
            return (claimed.Count, await FireAsync(claimed, claim, ct));
        }
        finally
        {
            if (ct.IsCancellationRequested) await ReleaseAsync(claim);
        }
    }

    private Task<List<DueTimer>> ClaimAsync(string claim, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + _options.Lease;
        var kinds = _handlers.Keys.ToList();
        var max = _options.MaxAttempts;
        var size = _options.BatchSize;
        return writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var timers = db.Set<DueTimer>();
            var oldest = Claimable(timers, now, kinds, max).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(size).Select(t => t.Id);
            // The conditions are repeated outside the subquery so that the row itself is checked as it is updated.
            var won = await Claimable(timers, now, kinds, max).Where(t => oldest.Contains(t.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ClaimedBy, claim).SetProperty(t => t.ClaimedUntil, until), token);
            if (won == 0) return [];
            return await timers.AsNoTracking().Where(t => t.ClaimedBy == claim && t.FiredAt == null)
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToListAsync(token);
        }, ct);
    }

    private static IQueryable<DueTimer> Claimable(IQueryable<DueTimer> timers, DateTimeOffset now, List<string> kinds, int max) =>
        timers.Where(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now && t.Attempts < max &&
                          (t.ClaimedUntil == null || t.ClaimedUntil <= now) && kinds.Contains(t.Kind));

    /// <summary>The batch in one transaction; if that fails, one at a time, so only the failing timer waits.</summary>
    private async Task<int> FireAsync(List<DueTimer> claimed, string claim, CancellationToken ct)
    {
        if (claimed.Count > 1)
        {
            try
            {
                await writes.RunAsync(AccessScope.System, (db, token) => FireInAsync(db, claimed, claim, token), ct);
                return claimed.Count;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "A batch of {Count} timers failed; firing them one at a time", claimed.Count);
            }
        }
        var fired = 0;
        foreach (var timer in claimed)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await writes.RunAsync(AccessScope.System, (db, token) => FireInAsync(db, [timer], claim, token), ct);
                fired++;
            }
            catch (TimerLostException)
            {
                // Rescheduled, cancelled or taken over since the claim: whoever holds it now decides.
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await FailedAsync(timer, claim, e, ct);
            }
        }
        return fired;
    }

    private async Task<bool> FireInAsync(ScrmDbContext db, IReadOnlyList<DueTimer> timers, string claim, CancellationToken ct)
    {
        var ids = timers.Select(t => t.Id).ToList();
        var now = clock.GetUtcNow();
        // The second guard: inside the handlers' transaction, so a timer someone else fired undoes this change.
        var marked = await db.Set<DueTimer>()
            .Where(t => ids.Contains(t.Id) && t.FiredAt == null && t.CancelledAt == null && t.ClaimedBy == claim)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.FiredAt, now), ct);
        if (marked != ids.Count) throw new TimerLostException();
        foreach (var timer in timers) await _handlers[timer.Kind].FireAsync(db, timer, ct);
        return true;
    }

    /// <summary>Written on its own: the failed try's transaction was rolled back, its record must not be.</summary>
    private async Task FailedAsync(DueTimer timer, string claim, Exception error, CancellationToken ct)
    {
        var attempts = timer.Attempts + 1;
        var retryAt = clock.GetUtcNow() + TimerOptions.Backoff(attempts);
        var text = Truncate($"{error.GetType().Name}: {error.Message}", DueTimer.ErrorMaxLength);
        await writes.RunAsync(AccessScope.System, (db, token) => db.Set<DueTimer>()
            .Where(t => t.Id == timer.Id && t.FiredAt == null && t.ClaimedBy == claim)
            .ExecuteUpdateAsync(u => u
                .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                .SetProperty(t => t.LastError, text)
                .SetProperty(t => t.ClaimedBy, (string?)null)
                .SetProperty(t => t.ClaimedUntil, retryAt), token), ct);
        if (attempts >= _options.MaxAttempts)
            log.LogError(error, "Timer {Key} ({Kind}) failed {Attempts} times; parked", timer.Key, timer.Kind, attempts);
        else
            log.LogWarning(error, "Timer {Key} ({Kind}) failed (try {Attempts}); trying again at {RetryAt}", timer.Key, timer.Kind, attempts, retryAt);
    }

    /// <summary>A stopping worker hands back what it did not fire, so that a restart need not wait out the lease.</summary>
    private async Task ReleaseAsync(string claim)
    {
        try
        {
            await writes.RunAsync(AccessScope.System, (db, token) => db.Set<DueTimer>()
                .Where(t => t.ClaimedBy == claim && t.FiredAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ClaimedBy, (string?)null).SetProperty(t => t.ClaimedUntil, (DateTimeOffset?)null), token));
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not hand back claimed timers; they are free again when the lease runs out");
        }
    }

    /// <summary>When the next timer falls due, or the next lease or backoff runs out; null when nothing waits.</summary>
    private async Task<DateTimeOffset?> NextWakeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var kinds = _handlers.Keys.ToList();
        var max = _options.MaxAttempts;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var waiting = db.Set<DueTimer>().AsNoTracking()
            .Where(t => t.FiredAt == null && t.CancelledAt == null && t.Attempts < max && kinds.Contains(t.Kind));
        // Unclaimed timers, those already due too: one that fell due after the pass looked is due now, and the worker
        // must pass again at once rather than sleep until the next one (or the fallback poll when there is none).
        var due = await waiting.Where(t => t.ClaimedUntil == null || t.ClaimedUntil <= now)
            .OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(ct);
        var free = await waiting.Where(t => t.ClaimedUntil > now).OrderBy(t => t.ClaimedUntil).Select(t => t.ClaimedUntil).FirstOrDefaultAsync(ct);
        return due is null ? free : free is null || due < free ? due : free;
    }

    private async Task SleepAsync(Task woken, DateTimeOffset? next, CancellationToken stop)
    {
        var delay = next is null ? _options.FallbackPoll : next.Value - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero) return;
        if (delay > _options.FallbackPoll) delay = _options.FallbackPoll;
        try
        {
            await woken.WaitAsync(delay, clock, stop);
        }
        catch (TimeoutException)
        {
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed class TimerLostException() : Exception("The timer was fired, cancelled, rescheduled or claimed by another worker.");
}
