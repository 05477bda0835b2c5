using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Sla;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>Rows of a rebuild, all in memory until they are written in one go.</summary>
internal sealed class MemoryKpiStore : IKpiStore
{
    public Dictionary<long, KpiTicket> Tickets { get; } = [];
    public Dictionary<(DateOnly, string, string, string, string, string), KpiDay> Days { get; } = [];
    public Dictionary<(DateOnly, long), TechnicianKpiDay> TechnicianDays { get; } = [];

    public ValueTask<KpiTicket?> TicketAsync(long ticketId, CancellationToken ct) => ValueTask.FromResult(Tickets.GetValueOrDefault(ticketId));

    public void AddTicket(KpiTicket ticket) => Tickets[ticket.TicketId] = ticket;

    public ValueTask<KpiDay> DayAsync(DateOnly day, KpiTicket k, CancellationToken ct)
    {
        var key = (day, k.Region, k.City, k.Type, k.Priority, k.Team);
        if (!Days.TryGetValue(key, out var row))
            Days[key] = row = new KpiDay { Day = day, Region = k.Region, City = k.City, Type = k.Type, Priority = k.Priority, Team = k.Team };
        return ValueTask.FromResult(row);
    }

    public ValueTask<TechnicianKpiDay> TechnicianDayAsync(DateOnly day, long technicianId, string region, CancellationToken ct)
    {
        if (!TechnicianDays.TryGetValue((day, technicianId), out var row))
            TechnicianDays[(day, technicianId)] = row = new TechnicianKpiDay { Day = day, TechnicianId = technicianId, Region = region };
        return ValueTask.FromResult(row);
    }
}

public sealed record KpiRebuildResult(int Tickets, int DayRows, int TechnicianDayRows, int Bills, TimeSpan Took);

/// <summary>
/// Recomputes every rollup from the raw tables: tickets, their timelines (status moves, assignments, the creation
/// priority), the SLA module's breach times and the bill events in the outbox. Runs in one write-path transaction;
/// ticket and bill events still waiting for <see cref="KpiRollup"/> are marked processed, because what they say is
/// already in the raw tables read here.
/// </summary>
public sealed class KpiRebuild(WritePath writes, BusinessClock clock, EventTypes eventTypes, KpiChanges changes, TimeProvider time)
{
    private static readonly string[] BillTypes = [nameof(BillFinalised), nameof(BillCredited)];
    private static readonly string[] RollupTypes =
        [nameof(TicketCreated), nameof(TicketStatusChanged), nameof(TicketAssigned), nameof(BillFinalised), nameof(BillCredited)];

    public async Task<KpiRebuildResult> RunAsync(CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var result = await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var store = new MemoryKpiStore();
            var ledger = new KpiLedger(store, clock);
            await ReplayTicketsAsync(db, ledger, token);
            var bills = await ReplayBillsAsync(db, ledger, token);
            await ReplaceAsync(db, store, token);
            await MarkPendingAsync(db, token);
            return (store.Tickets.Count, store.Days.Count, store.TechnicianDays.Count, bills);
        }, ct);
        changes.Publish();
        return new KpiRebuildResult(result.Item1, result.Item2, result.Item3, result.Item4, time.GetElapsedTime(started));
    }

    private async Task ReplayTicketsAsync(ScrmDbContext db, KpiLedger ledger, CancellationToken ct)
    {
        var technicianIds = (await db.Technicians.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Id);
        // A priority edit moves nothing in the rollups: the ticket counts under the priority it was created with.
        var firstPriority = new Dictionary<long, TicketPriority>();
        await foreach (var e in db.TicketEvents.IgnoreQueryFilters().AsNoTracking()
                           .Where(e => e.Kind == TicketEventKind.FieldChanged && e.Field == nameof(Ticket.Priority))
                           .OrderBy(e => e.Id).Select(e => new { e.TicketId, e.Before }).AsAsyncEnumerable().WithCancellation(ct))
            if (!firstPriority.ContainsKey(e.TicketId) && Enum.TryParse<TicketPriority>(e.Before, out var p)) firstPriority[e.TicketId] = p;
        var breaches = await db.Set<TicketSla>().AsNoTracking().Select(s => new { s.TicketId, s.BreachedAt })
            .ToDictionaryAsync(s => s.TicketId, s => s.BreachedAt, ct);

        var tickets = db.Tickets.IgnoreQueryFilters().AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Type, t.Priority, t.Region, t.City, t.CreatedAt }).AsAsyncEnumerable();
        var moves = db.TicketEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Kind == TicketEventKind.StatusChanged || e.Kind == TicketEventKind.Assigned)
            .OrderBy(e => e.TicketId).ThenBy(e => e.Id)
            .Select(e => new { e.TicketId, e.At, e.Kind, e.After }).AsAsyncEnumerable();
        await using var move = moves.GetAsyncEnumerator(ct);
        var hasMove = await move.MoveNextAsync();
        await foreach (var t in tickets.WithCancellation(ct))
        {
            await ledger.CreatedAsync(t.Id, t.Type, firstPriority.GetValueOrDefault(t.Id, t.Priority), t.Region, t.City, t.CreatedAt, ct);
            long? assignee = null;
            while (hasMove && move.Current.TicketId < t.Id) hasMove = await move.MoveNextAsync();
            for (; hasMove && move.Current.TicketId == t.Id; hasMove = await move.MoveNextAsync())
            {
                var m = move.Current;
                if (m.Kind == TicketEventKind.Assigned)
                {
                    assignee = m.After is { } name && technicianIds.TryGetValue(name, out var id) ? id : null;
                    if (assignee is { } a) await ledger.AssignedAsync(t.Id, a, ct);
                    continue;
                }
                if (!Enum.TryParse<TicketStatus>(m.After, out var to)) continue;
                if (to == TicketStatus.New) assignee = null;
                var sla = to == TicketStatus.Resolved
                    ? SlaVerdicts.Judge(breaches.ContainsKey(t.Id), m.At, breaches.GetValueOrDefault(t.Id))
                    : SlaVerdict.NotTracked;
                await ledger.MovedAsync(t.Id, to, m.At, assignee, sla, ct);
            }
        }
    }

    private async Task<int> ReplayBillsAsync(ScrmDbContext db, KpiLedger ledger, CancellationToken ct)
    {
        var count = 0;
        await foreach (var m in db.OutboxMessages.AsNoTracking().Where(m => BillTypes.Contains(m.Type)).OrderBy(m => m.Id)
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            switch (eventTypes.Deserialize(m.Type, m.Payload))
            {
                case BillFinalised bill: await ledger.BillAsync(bill, ct); count++; break;
                case BillCredited credit: await ledger.CreditAsync(credit, ct); break;
            }
        }
        return count;
    }

    private static async Task ReplaceAsync(ScrmDbContext db, MemoryKpiStore store, CancellationToken ct)
    {
        await db.Set<KpiDay>().ExecuteDeleteAsync(ct);
        await db.Set<TechnicianKpiDay>().ExecuteDeleteAsync(ct);
        await db.Set<KpiTicket>().ExecuteDeleteAsync(ct);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await KpiBulk.InsertAsync(connection, transaction, "KpiDays", KpiBulk.DayColumns, store.Days.Values, KpiBulk.DayValues, ct);
        await KpiBulk.InsertAsync(connection, transaction, "TechnicianKpiDays", KpiBulk.TechnicianColumns, store.TechnicianDays.Values,
            KpiBulk.TechnicianValues, ct);
        await KpiBulk.InsertAsync(connection, transaction, "KpiTickets", KpiBulk.TicketColumns, store.Tickets.Values, KpiBulk.TicketValues, ct);
    }

    private static async Task MarkPendingAsync(ScrmDbContext db, CancellationToken ct)
    {
        var handler = nameof(KpiRollup);
        var pending = await db.OutboxMessages.AsNoTracking()
            .Where(m => RollupTypes.Contains(m.Type) && !db.ProcessedEvents.Any(p => p.Handler == handler && p.EventId == m.EventId))
            .Select(m => m.EventId).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        db.ProcessedEvents.AddRange(pending.Select(id => new ProcessedEvent { Handler = handler, EventId = id, ProcessedAt = now }));
    }
}

/// <summary>Plain prepared INSERTs: a rebuild writes hundreds of thousands of rows, far more than change tracking should carry.</summary>
internal static class KpiBulk
{
    public static readonly string[] DayColumns = ["Day", "Region", "City", "Type", "Priority", "Team", .. KpiTotals.ColumnNames];
    public static readonly string[] TechnicianColumns =
        ["Day", "TechnicianId", "Region", "Closed", "FixMeasured", "FirstTimeFixed", "SlaMeasured", "SlaMet", "RevenueFen"];
    public static readonly string[] TicketColumns =
    [
        "TicketId", "Region", "City", "Type", "Priority", "Team", "TechnicianId",
        "Journey_CreatedAt", "Journey_CreatedDay", "Journey_Status", "Journey_AcceptedAt", "Journey_OnSiteAt", "Journey_SiteVisits",
        "Journey_Reopens", "Journey_EverAssigned", "Journey_EverResolved", "Journey_EverClosed",
    ];

    public static object?[] DayValues(KpiDay d) =>
        [d.Day, d.Region, d.City, d.Type, d.Priority, d.Team, .. d.ToTotals().Values.Cast<object?>()];

    public static object?[] TechnicianValues(TechnicianKpiDay d) =>
        [d.Day, d.TechnicianId, d.Region, d.Closed, d.FixMeasured, d.FirstTimeFixed, d.SlaMeasured, d.SlaMet, d.RevenueFen];

    public static object?[] TicketValues(KpiTicket t) =>
    [
        t.TicketId, t.Region, t.City, t.Type, t.Priority, t.Team, t.TechnicianId,
        t.Journey.CreatedAt.UtcTicks, t.Journey.CreatedDay, t.Journey.Status.ToString(), t.Journey.AcceptedAt?.UtcTicks,
        t.Journey.OnSiteAt?.UtcTicks, t.Journey.SiteVisits, t.Journey.Reopens, t.Journey.EverAssigned, t.Journey.EverResolved,
        t.Journey.EverClosed,
    ];

    /// <summary>A day as the model stores it: its day number on SQLite (DayNumberConverter), a date on SQL Server.</summary>
    public static object Storable(DbCommand command, object value) =>
        value is DateOnly day && command is Microsoft.Data.Sqlite.SqliteCommand ? day.DayNumber : value;

    public static DateOnly ReadDay(DbDataReader reader, int ordinal) =>
        reader is Microsoft.Data.Sqlite.SqliteDataReader ? DateOnly.FromDayNumber(reader.GetInt32(ordinal)) : reader.GetFieldValue<DateOnly>(ordinal);

    public static async Task InsertAsync<T>(DbConnection connection, DbTransaction? transaction, string table, string[] columns,
        IEnumerable<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            var v = values(row);
            for (var i = 0; i < v.Length; i++) parameters[i].Value = v[i] is { } value ? Storable(command, value) : DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
