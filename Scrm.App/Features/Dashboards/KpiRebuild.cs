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
    public KpiUpserts TechnicianDays { get; } = KpiUpserts.TechnicianDays();
    public KpiUpserts TechnicianPlaces { get; } = KpiUpserts.TechnicianPlaceDays();

    public ValueTask<KpiTicket?> TicketAsync(long ticketId, CancellationToken ct) => ValueTask.FromResult(Tickets.GetValueOrDefault(ticketId));

    public void AddTicket(KpiTicket ticket) => Tickets[ticket.TicketId] = ticket;

    /// <summary>Only the fine rows: the coarse ones are summed from them once at the end (<see cref="KpiCoarse"/>).</summary>
    public ValueTask AddAsync(DateOnly day, KpiTicket k, KpiTotals totals, CancellationToken ct)
    {
        var key = (day, k.Region, k.City, k.Type, k.Priority, k.Team);
        if (!Days.TryGetValue(key, out var row))
            Days[key] = row = new KpiDay { Day = day, Region = k.Region, City = k.City, Type = k.Type, Priority = k.Priority, Team = k.Team };
        row.Add(totals);
        return ValueTask.CompletedTask;
    }

    /// <summary>The same column maps as the live handler's (<see cref="KpiUpserts"/>), summed in memory.</summary>
    public ValueTask AddTechnicianAsync(DateOnly day, long technicianId, KpiTicket k, KpiTotals totals, CancellationToken ct)
    {
        TechnicianDays.Add([day, technicianId], totals.Values, [k.Region]);
        TechnicianPlaces.Add([day, technicianId, k.City, k.Type, k.Priority], totals.Values, [k.Region]);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The coarse rollups as sums of the fine rows: what the live handler keeps row by row, a rebuild adds up at once.</summary>
internal static class KpiCoarse
{
    public static List<KpiRegionDay> Regions(IEnumerable<KpiDay> days)
    {
        var rows = new Dictionary<(DateOnly, string), KpiRegionDay>();
        foreach (var d in days)
        {
            if (!rows.TryGetValue((d.Day, d.Region), out var row)) rows[(d.Day, d.Region)] = row = new KpiRegionDay { Day = d.Day, Region = d.Region };
            row.Add(d.ToTotals());
        }
        return rows.Values.ToList();
    }

    public static KpiUpserts Places(IEnumerable<KpiDay> days)
    {
        var places = KpiUpserts.PlaceDays();
        foreach (var d in days) places.Add([d.Day, d.Region, d.City, d.Type], d.ToTotals().Values);
        return places;
    }
}

public sealed record KpiRebuildResult(int Tickets, int DayRows, int TechnicianDayRows, int Bills, TimeSpan Took);

/// <summary>
/// Recomputes every rollup from the raw tables: tickets, their timelines (status moves, assignments, the creation
/// priority), the SLA module's breach times and the bill events in the outbox. Runs in one write-path transaction;
/// <see cref="KpiRollup"/>'s position moves to the last outbox event in the same transaction, because what the events
/// up to it say is already in the raw tables read here (ADR 0034).
/// </summary>
public sealed class KpiRebuild(WritePath writes, BusinessClock clock, EventTypes eventTypes, KpiChanges changes, TimeProvider time)
{
    private static readonly string[] BillTypes = [nameof(BillFinalised), nameof(BillCredited)];

    // One rebuild at a time: a second would only redo the first's work under the write gate.
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>The command line's rebuild (<c>rebuild-rollups</c>): waits for one already running, then runs.</summary>
    public async Task<KpiRebuildResult> RunAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            return await RebuildAsync(AccessScope.System, ct);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>An admin's rebuild from the page: audited under their name; null (nothing done) while another one runs.</summary>
    public async Task<KpiRebuildResult?> TryRunAsync(AccessScope by, CancellationToken ct = default)
    {
        if (!by.IsIn(AppRoles.Admin)) throw new UnauthorizedAccessException("Only an administrator rebuilds the rollups.");
        if (!await _running.WaitAsync(0, ct)) return null;
        try
        {
            return await RebuildAsync(by, ct);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<KpiRebuildResult> RebuildAsync(AccessScope by, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var result = await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var store = new MemoryKpiStore();
            var ledger = new KpiLedger(store, clock);
            await ReplayTicketsAsync(db, ledger, token);
            var bills = await ReplayBillsAsync(db, ledger, token);
            await ReplaceAsync(db, store, token);
            await MoveRollupPastAsync(db, token);
            var now = time.GetUtcNow();
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserId = by.Actor.Id, UserName = by.Actor.Name, Entity = "KpiRollups", EntityId = now.ToString("O"), Action = "Rebuild",
                After = System.Text.Json.JsonSerializer.Serialize(new
                {
                    Tickets = store.Tickets.Count, DayRows = store.Days.Count, TechnicianDays = store.TechnicianDays.Count, Bills = bills,
                }),
            });
            return (store.Tickets.Count, store.Days.Count, store.TechnicianDays.Count, bills);
        }, ct);
        changes.Publish();
        return new KpiRebuildResult(result.Item1, result.Item2, result.Item3, result.Item4, time.GetElapsedTime(started));
    }

    /// <summary>
    /// Every ticket's creation, then every status move and assignment in timeline order, then the ratings. The timeline
    /// is read in its own (rowid) order rather than ticket by ticket: a ticket's moves keep their order either way, and
    /// SQLite then streams the table instead of sorting millions of rows. The reads are plain ADO over SQL that EF
    /// writes (so quoting and stored forms stay the provider's), without materialising an entity per row.
    /// </summary>
    private async Task ReplayTicketsAsync(ScrmDbContext db, KpiLedger ledger, CancellationToken ct)
    {
        var technicianIds = (await db.Technicians.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var breaches = await db.Set<TicketSla>().AsNoTracking().Select(s => new { s.TicketId, s.BreachedAt })
            .ToDictionaryAsync(s => s.TicketId, s => s.BreachedAt, ct);

        // A priority edit moves nothing in the rollups: the ticket counts under the priority it was created with.
        var firstPriority = new Dictionary<long, TicketPriority>();
        var priorities = db.TicketEvents.IgnoreQueryFilters()
            .Where(e => e.Kind == TicketEventKind.FieldChanged && e.Field == nameof(Ticket.Priority))
            .OrderBy(e => e.Id).Select(e => new { e.TicketId, e.Before });
        await foreach (var r in ReadAsync(db, priorities, ct))
            if (!r.IsDBNull(1) && !firstPriority.ContainsKey(r.GetInt64(0)) && Enum.TryParse<TicketPriority>(r.GetString(1), out var p))
                firstPriority[r.GetInt64(0)] = p;

        var ratings = new List<(long Id, int Stars, long RatedAt, long? Assignee)>();
        var tickets = db.Tickets.IgnoreQueryFilters()
            .Select(t => new { t.Id, t.Type, t.Priority, t.Region, t.City, t.CreatedAt, t.CustomerRating, t.RatedAt, t.AssigneeId });
        await foreach (var r in ReadAsync(db, tickets, ct))
        {
            var id = r.GetInt64(0);
            await ledger.CreatedAsync(id, Enum.Parse<TicketType>(r.GetString(1)), firstPriority.GetValueOrDefault(id, Enum.Parse<TicketPriority>(r.GetString(2))),
                r.GetString(3), r.GetString(4), Instant(r.GetInt64(5)), ct);
            if (!r.IsDBNull(6) && !r.IsDBNull(7)) ratings.Add((id, r.GetInt32(6), r.GetInt64(7), r.IsDBNull(8) ? null : r.GetInt64(8)));
        }

        var assignees = new Dictionary<long, long>();
        var moves = db.TicketEvents.IgnoreQueryFilters()
            .Where(e => e.Kind == TicketEventKind.StatusChanged || e.Kind == TicketEventKind.Assigned)
            .OrderBy(e => e.Id).Select(e => new { e.TicketId, e.At, e.Kind, e.After });
        var assigned = nameof(TicketEventKind.Assigned);
        await foreach (var r in ReadAsync(db, moves, ct))
        {
            var ticketId = r.GetInt64(0);
            var after = r.IsDBNull(3) ? null : r.GetString(3);
            if (r.GetString(2) == assigned)
            {
                // Only remembered for the moves that follow: an assignment alone changes no figure (as in KpiRollup).
                if (after is { } name && technicianIds.TryGetValue(name, out var technician)) assignees[ticketId] = technician;
                else assignees.Remove(ticketId);
                continue;
            }
            if (!Enum.TryParse<TicketStatus>(after, out var to)) continue;
            if (to == TicketStatus.New) assignees.Remove(ticketId);
            var at = Instant(r.GetInt64(1));
            var sla = to == TicketStatus.Resolved
                ? SlaVerdicts.Judge(breaches.ContainsKey(ticketId), at, breaches.GetValueOrDefault(ticketId))
                : SlaVerdict.NotTracked;
            await ledger.MovedAsync(ticketId, to, at, assignees.TryGetValue(ticketId, out var a) ? a : null, sla, ct);
        }

        // TicketRated names the ticket's technician at the time; a closed ticket keeps it, so the ticket's own is the same.
        foreach (var (id, stars, ratedAt, assignee) in ratings)
            await ledger.RatedAsync(id, stars, Instant(ratedAt), assignee, ct);
    }

    private static DateTimeOffset Instant(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    /// <summary>Runs the SQL EF writes for <paramref name="query"/> on the write path's connection and transaction, row by row.</summary>
    private static async IAsyncEnumerable<DbDataReader> ReadAsync<T>(ScrmDbContext db, IQueryable<T> query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = query.CreateDbCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (reader.Read()) yield return reader;
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
        await db.Set<KpiRegionDay>().ExecuteDeleteAsync(ct);
        await db.Set<KpiPlaceDay>().ExecuteDeleteAsync(ct);
        await db.Set<TechnicianPlaceDay>().ExecuteDeleteAsync(ct);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await KpiBulk.InsertAsync(connection, transaction, "KpiDays", KpiBulk.DayColumns, store.Days.Values, KpiBulk.DayValues, ct);
        await KpiBulk.InsertAsync(connection, transaction, store.TechnicianDays, ct);
        await KpiBulk.InsertAsync(connection, transaction, store.TechnicianPlaces, ct);
        await KpiBulk.InsertAsync(connection, transaction, "KpiTickets", KpiJourneys.Columns, store.Tickets.Values, KpiJourneys.Values, ct);
        await KpiBulk.InsertAsync(connection, transaction, "KpiRegionDays", KpiBulk.RegionColumns, KpiCoarse.Regions(store.Days.Values),
            KpiBulk.RegionValues, ct);
        await KpiBulk.InsertAsync(connection, transaction, KpiCoarse.Places(store.Days.Values), ct);
    }

    /// <summary>
    /// Moves <see cref="KpiRollup"/>'s position to the last event in the outbox, never back: the events up to there are
    /// counted by this rebuild. If the rollup's loop was behind, its next write finds the position moved and rolls back
    /// (<see cref="LeaseLostException"/>), and it claims again from here. Its parked events and its processed-event rows
    /// from before positions (ADR 0034) are settled too: an Admin's retry of a counted event would count it twice.
    /// </summary>
    private static async Task MoveRollupPastAsync(ScrmDbContext db, CancellationToken ct)
    {
        const string handler = nameof(KpiRollup);
        var last = await db.OutboxMessages.MaxAsync(m => (long?)m.Id, ct) ?? 0;
        var moved = await db.HandlerCheckpoints.Where(c => c.Handler == handler && c.Position < last)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Position, last), ct);
        if (moved == 0 && !await db.HandlerCheckpoints.AnyAsync(c => c.Handler == handler, ct))
            db.HandlerCheckpoints.Add(new HandlerCheckpoint { Handler = handler, Position = last });
        await db.ParkedEvents.Where(p => p.Handler == handler && p.State == ParkedEventState.Parked && p.OutboxId <= last)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.State, ParkedEventState.Resolved), ct);
        await db.ProcessedEvents.Where(p => p.Handler == handler).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Plain prepared INSERTs: a rebuild writes hundreds of thousands of rows, far more than change tracking should carry.</summary>
internal static class KpiBulk
{
    public static readonly string[] DayColumns = ["Day", "Region", "City", "Type", "Priority", "Team", .. KpiTotals.ColumnNames];
    public static readonly string[] RegionColumns = ["Day", "Region", .. KpiTotals.ColumnNames];
    public static object?[] DayValues(KpiDay d) =>
        [d.Day, d.Region, d.City, d.Type, d.Priority, d.Team, .. d.ToTotals().Values.Cast<object?>()];

    public static object?[] RegionValues(KpiRegionDay d) => [d.Day, d.Region, .. d.ToTotals().Values.Cast<object?>()];




    /// <summary>
    /// A value as the model stores it: on SQLite a day as its day number (DayNumberConverter) and an instant as UTC ticks
    /// (UtcTicksConverter); on SQL Server as it is.
    /// </summary>
    public static object Storable(DbCommand command, object value) =>
        command is not Microsoft.Data.Sqlite.SqliteCommand ? value
        : value switch { DateOnly day => day.DayNumber, DateTimeOffset at => at.UtcTicks, _ => value };

    public static DateOnly ReadDay(DbDataReader reader, int ordinal) =>
        reader is Microsoft.Data.Sqlite.SqliteDataReader ? DateOnly.FromDayNumber(reader.GetInt32(ordinal)) : reader.GetFieldValue<DateOnly>(ordinal);

    /// <summary>A rollup table summed in memory, written as it is.</summary>
    public static Task InsertAsync(DbConnection connection, DbTransaction? transaction, KpiUpserts table, CancellationToken ct) =>
        InsertAsync(connection, transaction, table.Table, table.Columns, table.Values(), v => v, ct);

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
            // Synchronous on purpose: SQLite's async is a wrapper, and a million awaited no-ops cost seconds.
            command.ExecuteNonQuery();
        }
    }
}
