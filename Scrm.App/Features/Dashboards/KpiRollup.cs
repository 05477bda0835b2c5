using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Sla;
using Scrm.Domain.Common;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>Rows of the handler's own transaction: those a batch touched already are found in memory first.</summary>
internal sealed class DbKpiStore(ScrmDbContext db) : IKpiStore
{
    public async ValueTask<KpiTicket?> TicketAsync(long ticketId, CancellationToken ct) =>
        db.Set<KpiTicket>().Local.FirstOrDefault(t => t.TicketId == ticketId)
        ?? await db.Set<KpiTicket>().FirstOrDefaultAsync(t => t.TicketId == ticketId, ct);

    public void AddTicket(KpiTicket ticket) => db.Set<KpiTicket>().Add(ticket);

    /// <summary>The fine row and both coarse rows (per region, per place) take the same delta, in the same transaction.</summary>
    public async ValueTask AddAsync(DateOnly day, KpiTicket k, KpiTotals totals, CancellationToken ct)
    {
        var days = db.Set<KpiDay>();
        var row = days.Local.FirstOrDefault(d => d.Day == day && d.Region == k.Region && d.City == k.City && d.Type == k.Type &&
                                                 d.Priority == k.Priority && d.Team == k.Team)
                  ?? await days.FirstOrDefaultAsync(d => d.Day == day && d.Region == k.Region && d.City == k.City && d.Type == k.Type &&
                                                         d.Priority == k.Priority && d.Team == k.Team, ct);
        if (row is null) days.Add(row = new KpiDay { Day = day, Region = k.Region, City = k.City, Type = k.Type, Priority = k.Priority, Team = k.Team });
        row.Add(totals);

        var regions = db.Set<KpiRegionDay>();
        var region = regions.Local.FirstOrDefault(d => d.Day == day && d.Region == k.Region)
                     ?? await regions.FirstOrDefaultAsync(d => d.Day == day && d.Region == k.Region, ct);
        if (region is null) regions.Add(region = new KpiRegionDay { Day = day, Region = k.Region });
        region.Add(totals);

        var places = db.Set<KpiPlaceDay>();
        var place = places.Local.FirstOrDefault(d => d.Day == day && d.Region == k.Region && d.City == k.City && d.Type == k.Type)
                    ?? await places.FirstOrDefaultAsync(d => d.Day == day && d.Region == k.Region && d.City == k.City && d.Type == k.Type, ct);
        if (place is null) places.Add(place = new KpiPlaceDay { Day = day, Region = k.Region, City = k.City, Type = k.Type });
        place.Add(totals);
    }

    public async ValueTask<TechnicianKpiDay> TechnicianDayAsync(DateOnly day, long technicianId, string region, CancellationToken ct)
    {
        var days = db.Set<TechnicianKpiDay>();
        var row = days.Local.FirstOrDefault(d => d.Day == day && d.TechnicianId == technicianId)
                  ?? await days.FirstOrDefaultAsync(d => d.Day == day && d.TechnicianId == technicianId, ct);
        if (row is not null) return row;
        row = new TechnicianKpiDay { Day = day, TechnicianId = technicianId, Region = region };
        days.Add(row);
        return row;
    }
}

/// <summary>
/// Keeps the dashboards' rollups (<see cref="KpiDay"/>, <see cref="TechnicianKpiDay"/>) from ticket and bill events,
/// exactly once per event through the write path, a whole batch per transaction; then tells open dashboards.
/// </summary>
public sealed class KpiRollup(WritePath writes, BusinessClock clock, KpiChanges changes) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>, IEventHandler<TicketAssigned>,
    IEventHandler<BillFinalised>, IEventHandler<BillCredited>, IEventHandler<TicketRated>, IEventBatchHandler
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) => OneAsync(delivery, e, ct);
    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) => OneAsync(delivery, e, ct);
    public Task HandleAsync(TicketAssigned e, EventDelivery delivery, CancellationToken ct) => OneAsync(delivery, e, ct);
    public Task HandleAsync(BillFinalised e, EventDelivery delivery, CancellationToken ct) => OneAsync(delivery, e, ct);
    public Task HandleAsync(BillCredited e, EventDelivery delivery, CancellationToken ct) => OneAsync(delivery, e, ct);
    public Task HandleAsync(TicketRated e, EventDelivery delivery, CancellationToken ct) => OneAsync(delivery, e, ct);

    public async Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct)
    {
        var mine = events.Select(s => s.Event).Where(Takes).ToList();
        if (mine.Count == 0) return;
        if (await writes.RunOnceAsync(handler, mine, (db, fresh, token) => ApplyAsync(db, fresh, token), ct)) changes.Publish();
    }

    private async Task OneAsync(EventDelivery delivery, DomainEvent e, CancellationToken ct)
    {
        if (await writes.RunOnceAsync(delivery, e, (db, token) => ApplyAsync(db, [e], token), ct)) changes.Publish();
    }

    private static bool Takes(DomainEvent e) => e is TicketCreated or TicketStatusChanged or TicketAssigned or BillFinalised or BillCredited or TicketRated;

    private async Task ApplyAsync(ScrmDbContext db, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        var ledger = new KpiLedger(new DbKpiStore(db), clock);
        foreach (var e in events)
        {
            switch (e)
            {
                case TicketCreated c:
                    await ledger.CreatedAsync(c.AggregateId, c.Type, c.Priority, c.Region, c.City, c.OccurredAt, ct);
                    break;
                case TicketAssigned a:
                    await ledger.AssignedAsync(a.AggregateId, a.TechnicianId, ct);
                    break;
                case TicketStatusChanged s:
                    var sla = s.To == TicketStatus.Resolved ? await VerdictAsync(db, s.AggregateId, s.OccurredAt, ct) : SlaVerdict.NotTracked;
                    await ledger.MovedAsync(s.AggregateId, s.To, s.OccurredAt, s.AssigneeId, sla, ct);
                    break;
                case BillFinalised b:
                    await ledger.BillAsync(b, ct);
                    break;
                case BillCredited c:
                    await ledger.CreditAsync(c, ct);
                    break;
                case TicketRated r:
                    await ledger.RatedAsync(r.AggregateId, r.Stars, r.OccurredAt, r.AssigneeId, ct);
                    break;
            }
        }
    }

    /// <summary>The SLA module's record of the ticket (its clocks leave time on hold out): breached by the resolution or not.</summary>
    internal static async Task<SlaVerdict> VerdictAsync(ScrmDbContext db, long ticketId, DateTimeOffset resolvedAt, CancellationToken ct)
    {
        var sla = await db.Set<TicketSla>().AsNoTracking().Where(s => s.TicketId == ticketId)
            .Select(s => new { s.BreachedAt }).FirstOrDefaultAsync(ct);
        return SlaVerdicts.Judge(sla is not null, resolvedAt, sla?.BreachedAt);
    }
}
