using System.Data.Common;
using Scrm.App.Data;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// The <see cref="KpiTicket"/> rows of a batch, read and written in plain SQL: one SELECT of every ticket the batch
/// names, one multi-row upsert of those it changed. Change tracking a handful of small rows cost the handler more than
/// its rollups did (ADR 0032); these rows are the handler's own, nothing else writes them but the rebuild.
/// </summary>
internal static class KpiJourneys
{
    private static readonly string[] Keys = ["TicketId", "Region", "City", "Type", "Priority", "Team"];
    private static readonly string[] Mutable =
    [
        "TechnicianId", "Journey_CreatedAt", "Journey_CreatedDay", "Journey_Status", "Journey_AcceptedAt", "Journey_OnSiteAt",
        "Journey_SiteVisits", "Journey_Reopens", "Journey_EverAssigned", "Journey_EverResolved", "Journey_EverClosed",
    ];

    /// <summary>Every column, in the order of <see cref="Values"/> (the rebuild's bulk insert uses the same list).</summary>
    public static readonly string[] Columns = [.. Keys, .. Mutable];

    public static object?[] Values(KpiTicket t) =>
    [
        t.TicketId, t.Region, t.City, t.Type, t.Priority, t.Team, t.TechnicianId,
        t.Journey.CreatedAt, t.Journey.CreatedDay, t.Journey.Status.ToString(), t.Journey.AcceptedAt, t.Journey.OnSiteAt,
        t.Journey.SiteVisits, t.Journey.Reopens, t.Journey.EverAssigned, t.Journey.EverResolved, t.Journey.EverClosed,
    ];

    /// <summary>The stored rows of <paramref name="ticketIds"/> (ids are written into the text: they are numbers).</summary>
    public static async Task<List<KpiTicket>> ReadAsync(ScrmDbContext db, IReadOnlyCollection<long> ticketIds, bool sqlServer, CancellationToken ct)
    {
        var found = new List<KpiTicket>(ticketIds.Count);
        if (ticketIds.Count == 0) return found;
        var sql = new KpiSql(sqlServer);
        await using var command = await KpiSql.CommandAsync(db, ct);
        command.CommandText = $"SELECT {string.Join(", ", Columns.Select(sql.Name))} FROM {sql.Name("KpiTickets")} " +
                              $"WHERE {sql.Name("TicketId")} IN ({string.Join(",", ticketIds)})";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(Read(reader));
        return found;
    }

    private static KpiTicket Read(DbDataReader r) => new()
    {
        TicketId = r.GetInt64(0), Region = r.GetString(1), City = r.GetString(2), Type = r.GetString(3), Priority = r.GetString(4),
        Team = r.GetString(5), TechnicianId = r.IsDBNull(6) ? null : r.GetInt64(6),
        Journey = new KpiJourney
        {
            CreatedAt = Instant(r, 7)!.Value, CreatedDay = r.GetInt32(8), Status = Enum.Parse<TicketStatus>(r.GetString(9)),
            AcceptedAt = Instant(r, 10), OnSiteAt = Instant(r, 11), SiteVisits = r.GetInt32(12), Reopens = r.GetInt32(13),
            EverAssigned = r.GetBoolean(14), EverResolved = r.GetBoolean(15), EverClosed = r.GetBoolean(16),
        },
    };

    // UTC ticks on SQLite (UtcTicksConverter), datetimeoffset on SQL Server.
    internal static DateTimeOffset? Instant(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null
        : r is Microsoft.Data.Sqlite.SqliteDataReader ? new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero)
        : r.GetFieldValue<DateTimeOffset>(i);

    /// <summary>Appends one upsert of <paramref name="tickets"/>: new rows inserted, known ones take their new journey.</summary>
    public static void AppendUpsert(KpiSql sql, IReadOnlyList<KpiTicket> tickets)
    {
        if (tickets.Count == 0) return;
        var text = sql.Text;
        var columns = string.Join(", ", Columns.Select(sql.Name));
        text.Append(sql.SqlServer ? $"MERGE {sql.Name("KpiTickets")} WITH (HOLDLOCK) AS t USING (VALUES " : $"INSERT INTO {sql.Name("KpiTickets")} ({columns}) VALUES ");
        for (var i = 0; i < tickets.Count; i++)
        {
            text.Append(i == 0 ? "(" : ", (");
            var values = Values(tickets[i]);
            for (var v = 0; v < values.Length; v++)
            {
                if (v > 0) text.Append(", ");
                sql.Value(values[v]);
            }
            text.Append(')');
        }
        if (!sql.SqlServer)
        {
            text.Append($" ON CONFLICT ({sql.Name("TicketId")}) DO UPDATE SET ")
                .Append(string.Join(", ", Mutable.Select(c => $"{sql.Name(c)} = excluded.{sql.Name(c)}"))).Append(";\n");
            return;
        }
        text.Append($") AS s ({columns}) ON t.[TicketId] = s.[TicketId] ")
            .Append($"WHEN MATCHED THEN UPDATE SET {string.Join(", ", Mutable.Select(c => $"[{c}] = s.[{c}]"))} ")
            .Append($"WHEN NOT MATCHED THEN INSERT ({columns}) VALUES ({string.Join(", ", Columns.Select(c => $"s.[{c}]"))});\n");
    }
}
