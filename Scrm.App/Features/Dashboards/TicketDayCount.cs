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
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) =>
        writes.RunOnceAsync(delivery, e, async (db, token) => (await DayAsync(db, e, token)).Created++, ct);

    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct)
    {
        if (e.To is not (TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Cancelled or TicketStatus.Reopened))
            return Task.CompletedTask;
        return writes.RunOnceAsync(delivery, e, async (db, token) =>
        {
            var day = await DayAsync(db, e, token);
            _ = e.To switch
            {
                TicketStatus.Resolved => day.Resolved++,
                TicketStatus.Closed => day.Closed++,
                TicketStatus.Cancelled => day.Cancelled++,
                _ => day.Reopened++,
            };
        }, ct);
    }

    private async Task<TicketDayCount> DayAsync(ScrmDbContext db, TicketDomainEvent e, CancellationToken ct)
    {
        var day = businessClock.LocalDay(e.OccurredAt);
        var row = await db.TicketDayCounts.FirstOrDefaultAsync(c => c.Day == day && c.Region == e.Region, ct);
        if (row is null)
        {
            row = new TicketDayCount { Day = day, Region = e.Region };
            db.TicketDayCounts.Add(row);
        }
        return row;
    }
}

public static class DashboardsServiceCollectionExtensions
{
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddEventHandler<TicketCreated, TicketDayCounter>()
        .AddEventHandler<TicketStatusChanged, TicketDayCounter>();
}
