using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>How many tickets a region opened, resolved, closed, cancelled and reopened on one business day.</summary>
public sealed class TicketDayCount
{
    public DateOnly Day { get; set; }
    public string Region { get; set; } = "";
    public int Created { get; set; }
    public int Resolved { get; set; }
    public int Closed { get; set; }
    public int Cancelled { get; set; }
    public int Reopened { get; set; }
}

/// <summary>Keeps <see cref="TicketDayCount"/> from the ticket events, so dashboards read totals instead of scanning tickets.</summary>
public sealed class TicketDayCounter(WritePath writes, BusinessClock businessClock) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>, IEventBatchHandler
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, (db, token) => CountAsync(db, e, token), ct);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) =>
        Counts(e)
            ? writes.RunOnceAsync(delivery, e, (db, token) => CountAsync(db, e, token), ct)
            : Task.CompletedTask;

    // A busy day brings hundreds of events per batch; one transaction for them all keeps the counter in step.
    public Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct)
    {
        var counted = events.Select(s => s.Event).OfType<TicketDomainEvent>().Where(Counts).ToList<Scrm.Domain.Common.DomainEvent>();
        if (counted.Count == 0) return Task.CompletedTask;
        return writes.RunOnceAsync(handler, counted, async (db, fresh, token) =>
        {
            foreach (var e in fresh.OfType<TicketDomainEvent>()) await CountAsync(db, e, token);
        }, ct);
    }

    private static bool Counts(TicketDomainEvent e) =>
        e is TicketCreated or TicketStatusChanged { To: TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Cancelled or TicketStatus.Reopened };

    private async Task CountAsync(ScrmDbContext db, TicketDomainEvent e, CancellationToken ct)
    {
        if (!Counts(e)) return;
        var day = await DayAsync(db, e, ct);
        _ = e switch
        {
            TicketCreated => day.Created++,
            TicketStatusChanged { To: TicketStatus.Resolved } => day.Resolved++,
            TicketStatusChanged { To: TicketStatus.Closed } => day.Closed++,
            TicketStatusChanged { To: TicketStatus.Cancelled } => day.Cancelled++,
            _ => day.Reopened++,
        };
    }

    private async Task<TicketDayCount> DayAsync(ScrmDbContext db, TicketDomainEvent e, CancellationToken ct)
    {
        var day = businessClock.LocalDay(e.OccurredAt);
        // Rows this batch already touched are counted in memory first: the database has not seen them yet.
        var row = db.TicketDayCounts.Local.FirstOrDefault(c => c.Day == day && c.Region == e.Region)
                  ?? await db.TicketDayCounts.FirstOrDefaultAsync(c => c.Day == day && c.Region == e.Region, ct);
        if (row is null)
        {
            row = new TicketDayCount { Day = day, Region = e.Region };
            db.TicketDayCounts.Add(row);
        }
        return row;
    }
}
