using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Common;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// The live handler's rows for one batch of events: every delta is summed in memory per row key, and the batch's
/// changes — the journeys it changed and every rollup row it touched — are written by one command of multi-row upserts
/// at the end (<see cref="KpiSql"/>). Nothing is change-tracked; the journeys are read by one SELECT (ADR 0027, 0031).
/// </summary>
internal sealed class DbKpiStore(ScrmDbContext db) : IKpiStore
{
    private readonly bool _sqlServer = db.Database.IsSqlServer();
    private readonly Dictionary<long, KpiTicket?> _tickets = [];
    // What each journey read looked like, to write back only those the batch changed.
    private readonly Dictionary<long, object?[]> _read = [];
    private readonly KpiUpserts _fine = KpiUpserts.Days();
    private readonly KpiUpserts _regions = KpiUpserts.RegionDays();
    private readonly KpiUpserts _places = KpiUpserts.PlaceDays();
    private readonly KpiUpserts _technicians = KpiUpserts.TechnicianDays();
    private readonly KpiUpserts _technicianPlaces = KpiUpserts.TechnicianPlaceDays();

    /// <summary>Loads the journeys of every ticket the batch names in one query; a ticket not found is remembered as absent.</summary>
    public async Task LoadTicketsAsync(IReadOnlyCollection<long> ticketIds, CancellationToken ct)
    {
        var wanted = ticketIds.Where(id => !_tickets.ContainsKey(id)).Distinct().ToList();
        if (wanted.Count == 0) return;
        foreach (var t in await KpiJourneys.ReadAsync(db, wanted, _sqlServer, ct))
        {
            _tickets[t.TicketId] = t;
            _read[t.TicketId] = KpiJourneys.Values(t);
        }
        foreach (var id in wanted) _tickets.TryAdd(id, null);
    }

    public async ValueTask<KpiTicket?> TicketAsync(long ticketId, CancellationToken ct)
    {
        if (!_tickets.ContainsKey(ticketId)) await LoadTicketsAsync([ticketId], ct);
        return _tickets[ticketId];
    }

    public void AddTicket(KpiTicket ticket) => _tickets[ticket.TicketId] = ticket;

    /// <summary>The fine row and both coarse rows (per region, per place) take the same delta, in the same transaction.</summary>
    public ValueTask AddAsync(DateOnly day, KpiTicket k, KpiTotals totals, CancellationToken ct)
    {
        _fine.Add([day, k.Region, k.City, k.Type, k.Priority, k.Team], totals.Values);
        _regions.Add([day, k.Region], totals.Values);
        _places.Add([day, k.Region, k.City, k.Type], totals.Values);
        return ValueTask.CompletedTask;
    }

    /// <summary>The technician's day and their day at the ticket's place take the same delta; a new row keeps the first region named.</summary>
    public ValueTask AddTechnicianAsync(DateOnly day, long technicianId, KpiTicket k, KpiTotals totals, CancellationToken ct)
    {
        _technicians.Add([day, technicianId], totals.Values, [k.Region]);
        _technicianPlaces.Add([day, technicianId, k.City, k.Type, k.Priority], totals.Values, [k.Region]);
        return ValueTask.CompletedTask;
    }

    /// <summary>The changed journeys and every touched rollup row, as one command in the write path's transaction.</summary>
    public async Task WriteAsync(CancellationToken ct)
    {
        var sql = new KpiSql(_sqlServer);
        KpiJourneys.AppendUpsert(sql, _tickets.Values.OfType<KpiTicket>().Where(Changed).ToList());
        foreach (var table in new[] { _fine, _regions, _places, _technicians, _technicianPlaces })
        {
            table.AppendUpserts(sql);
            await sql.FlushIfFullAsync(db, ct);
        }
        await sql.ExecuteAsync(db, ct);
    }

    private bool Changed(KpiTicket t) => !_read.TryGetValue(t.TicketId, out var before) || !before.SequenceEqual(KpiJourneys.Values(t));
}

/// <summary>
/// Keeps the dashboards' rollups (<see cref="KpiDay"/>, <see cref="TechnicianKpiDay"/>) from ticket and bill events,
/// exactly once per event through the write path, a whole batch per transaction; then tells open dashboards.
/// In order (ADR 0034): each batch's write moves the handler's outbox position instead of writing a processed-event row
/// per event, and <see cref="KpiRebuild"/> moves that position to the end of the outbox it counted from.
/// An assignment alone changes no figure (the next status move names the technician), so TicketAssigned is not taken.
/// </summary>
public sealed class KpiRollup(WritePath writes, BusinessClock clock, KpiChanges changes) :
    IEventHandler<TicketCreated>, IEventHandler<TicketStatusChanged>,
    IEventHandler<BillFinalised>, IEventHandler<BillCredited>, IEventHandler<TicketRated>, IEventBatchHandler, IPositionedEventHandler
{
    public Task HandleAsync(TicketCreated e, EventDelivery delivery, CancellationToken ct) => OneAsync(delivery, e, ct);
    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct) =>
        Takes(e) ? OneAsync(delivery, e, ct) : Task.CompletedTask;
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

    /// <summary>The events that can change a rollup; a move no figure counts is left out before anything is read.</summary>
    private static bool Takes(DomainEvent e) =>
        e is TicketCreated or BillFinalised or BillCredited or TicketRated || e is TicketStatusChanged s && KpiJourney.Counts(s.From, s.To);

    private async Task ApplyAsync(ScrmDbContext db, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        var store = new DbKpiStore(db);
        await store.LoadTicketsAsync(events.Select(TicketOf).ToList(), ct);
        var breaches = await BreachesAsync(db, events.OfType<TicketStatusChanged>().Where(s => s.To == TicketStatus.Resolved).Select(s => s.AggregateId), ct);
        var ledger = new KpiLedger(store, clock);
        foreach (var e in events)
        {
            switch (e)
            {
                case TicketCreated c:
                    await ledger.CreatedAsync(c.AggregateId, c.Type, c.Priority, c.Region, c.City, c.OccurredAt, ct);
                    break;
                case TicketStatusChanged s:
                    var sla = s.To == TicketStatus.Resolved
                        ? SlaVerdicts.Judge(breaches.ContainsKey(s.AggregateId), s.OccurredAt, breaches.GetValueOrDefault(s.AggregateId))
                        : SlaVerdict.NotTracked;
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
        await store.WriteAsync(ct);
    }

    private static long TicketOf(DomainEvent e) => e switch
    {
        BillFinalised b => b.TicketId,
        BillCredited c => c.TicketId,
        _ => e.AggregateId,
    };

    /// <summary>
    /// The SLA module's record of the tickets resolved in the batch (its clocks leave time on hold out), in one plain
    /// SELECT like the journeys' (ids are numbers, written into the text): a ticket present is tracked, and breached when
    /// its time is set.
    /// </summary>
    internal static async Task<Dictionary<long, DateTimeOffset?>> BreachesAsync(ScrmDbContext db, IEnumerable<long> ticketIds, CancellationToken ct)
    {
        var ids = ticketIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var sql = new KpiSql(db.Database.IsSqlServer());
        await using var command = await KpiSql.CommandAsync(db, ct);
        command.CommandText = $"SELECT {sql.Name("TicketId")}, {sql.Name("BreachedAt")} FROM {sql.Name("TicketSlas")} " +
                              $"WHERE {sql.Name("TicketId")} IN ({string.Join(",", ids)})";
        var found = new Dictionary<long, DateTimeOffset?>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found[reader.GetInt64(0)] = KpiJourneys.Instant(reader, 1);
        return found;
    }
}
