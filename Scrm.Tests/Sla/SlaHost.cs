using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Timers;
using Scrm.Domain.Customers;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;
using Scrm.Tests.Timers;

namespace Scrm.Tests.Sla;

/// <summary>
/// The app on a clock the test moves (Tuesday 2030-03-05 10:00 in Shanghai at the start), so that working hours,
/// holds and ladder steps fall where the test says. A host of its own: its tests change calendars and the time.
/// </summary>
public sealed class SlaHost : TestApp
{
    /// <summary>Tuesday 10:00 in Shanghai: inside the office calendar's morning period.</summary>
    public static readonly DateTimeOffset Start = new(2030, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private int _weeks;

    public ManualClock Clock { get; } = new(Start);

    protected override void AddTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>
    /// A fresh Tuesday 10:00 (Shanghai), a week after the last one: each test starts on its own working day, the
    /// clock only ever goes forward.
    /// </summary>
    public DateTimeOffset NextTuesday() => Clock.Now = Start.AddDays(7 * Interlocked.Increment(ref _weeks));

    /// <summary>Moves the clock, then fires every timer due (as the worker would) until none is left.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await FireDueAsync();
    }

    /// <summary>Fires what is due with the host's worker and waits until nothing due is left unfired (its own loop may hold some).</summary>
    public async Task FireDueAsync(TimerWorker? worker = null)
    {
        await TimerKit.DrainAsync(worker ?? Get<TimerWorker>());
        await WaitUntilAsync(async () =>
        {
            await using var db = await DbAsync();
            var now = Clock.Now;
            return !await db.DueTimers.AnyAsync(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now && t.Attempts < 5);
        }, "due timers fired");
    }

    /// <summary>Another worker on the same database, as after a restart or on a second instance.</summary>
    public TimerWorker NewWorker(string instance) => new(Get<IEnumerable<ITimerHandler>>(), Get<WritePath>(),
        Get<IDbContextFactory<ScrmDbContext>>(), Get<TimerSignal>(), Options.Create(new TimerOptions { InstanceId = instance }),
        Clock, NullLogger<TimerWorker>.Instance);

    public async Task<TicketSla> SlaAsync(long ticketId, Func<TicketSla, bool>? until = null)
    {
        TicketSla? row = null;
        await WaitUntilAsync(async () =>
        {
            await using var db = await DbAsync();
            row = await db.Set<TicketSla>().AsNoTracking().FirstOrDefaultAsync(s => s.TicketId == ticketId);
            return row is not null && (until is null || until(row));
        }, $"the SLA of ticket {ticketId}");
        return row!;
    }

    /// <summary>Waits until <paramref name="handler"/> has handled every event stored so far; then the ticket's SLA row.</summary>
    public async Task<TicketSla> SettledAsync(long ticketId, string handler = nameof(SlaTracker))
    {
        await CaughtUpAsync(handler);
        return await SlaAsync(ticketId);
    }

    public async Task CaughtUpAsync(string handler)
    {
        long last;
        await using (var db = await DbAsync()) last = await db.OutboxMessages.MaxAsync(m => m.Id);
        await WaitUntilAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.HandlerCheckpoints.AnyAsync(c => c.Handler == handler && c.Position >= last);
        }, $"{handler} to reach event {last}");
    }

    public async Task<List<TicketEvent>> TimelineAsync(long ticketId, TicketEventKind kind)
    {
        await using var db = await DbAsync();
        return await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticketId && e.Kind == kind).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<long> CustomerIdAsync(CustomerTier tier)
    {
        await using var db = await DbAsync();
        return await db.Customers.Where(c => c.Tier == tier).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for {what}.");
            await Task.Delay(50);
        }
    }
}
