using Microsoft.Data.Sqlite;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Kpis;

/// <summary>
/// Writes <c>count</c> finished and open tickets spread over the last <c>days</c> days straight into the Tickets and
/// TicketEvents tables (plain prepared INSERTs, one transaction, foreign keys off): each with its timeline of an
/// assignment and the status moves the rollups read (Assigned, Accepted, OnSite, Resolved, Closed; some reopened or
/// cancelled; the youngest still open). Columns the model requires but the dashboards do not read get placeholders.
/// </summary>
internal static class KpiHistory
{
    public static async Task WriteAsync(string connectionString, int count, int days, IReadOnlyList<(long Id, string Name, string Region, string City)> technicians,
        long customerId, DateTimeOffset now)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF;");
        var ticketColumns = await ColumnsAsync(connection, "Tickets");
        var eventColumns = await ColumnsAsync(connection, "TicketEvents");
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var ticket = Insert(connection, tx, "Tickets", ticketColumns);
        var timeline = Insert(connection, tx, "TicketEvents", eventColumns);
        var random = new Random(12);
        var types = Enum.GetValues<TicketType>();
        var priorities = Enum.GetValues<TicketPriority>();
        var start = now.AddDays(-days);
        for (var i = 1; i <= count; i++)
        {
            var tech = technicians[random.Next(technicians.Count)];
            // Demand by hour: busy mornings and afternoons, quiet nights.
            var day = start.AddDays(Math.Floor((double)(i - 1) * days / count));
            var hour = random.NextDouble() < 0.85 ? 8 + random.Next(11) : random.Next(24);
            var created = day.Date.AddHours(hour - 8).AddMinutes(random.Next(60));
            var createdAt = new DateTimeOffset(created, TimeSpan.Zero);
            var age = now - createdAt;
            var assigned = createdAt.AddMinutes(5 + random.Next(60));
            var accepted = assigned.AddMinutes(2 + random.Next(40));
            var onSite = accepted.AddMinutes(20 + random.Next(180));
            var resolved = onSite.AddMinutes(30 + random.Next(random.Next(10) == 0 ? 4000 : 400));
            var closed = resolved.AddHours(2 + random.Next(48));
            var moves = new List<(DateTimeOffset At, string Kind, string? Before, string? After)>
            {
                (assigned, nameof(TicketEventKind.Assigned), null, tech.Name),
                (assigned, nameof(TicketEventKind.StatusChanged), "New", "Assigned"),
                (accepted, nameof(TicketEventKind.StatusChanged), "Assigned", "Accepted"),
                (onSite, nameof(TicketEventKind.StatusChanged), "EnRoute", "OnSite"),
                (resolved, nameof(TicketEventKind.StatusChanged), "InProgress", "Resolved"),
                (closed, nameof(TicketEventKind.StatusChanged), "Resolved", "Closed"),
            };
            if (random.Next(40) == 0) moves.Add((closed.AddDays(1), nameof(TicketEventKind.StatusChanged), "Closed", "Reopened"));
            if (random.Next(50) == 0) moves = [(assigned, nameof(TicketEventKind.StatusChanged), "New", "Cancelled")];
            moves = moves.Where(m => m.At <= now).ToList();
            var status = moves.LastOrDefault(m => m.Kind == nameof(TicketEventKind.StatusChanged)).After ?? "New";
            // One closed ticket in three is rated by its customer (CSAT), mostly four or five stars, within a day.
            var ratedAt = closed.AddHours(1 + random.Next(24));
            int? stars = status == "Closed" && random.Next(3) == 0 && ratedAt <= now ? 5 - random.Next(random.Next(5) + 1) : null;
            var v = new Dictionary<string, object?>
            {
                ["Id"] = (long)i,
                ["Number"] = $"KP-{i:D8}",
                ["Type"] = types[random.Next(types.Length)].ToString(),
                ["Priority"] = priorities[random.Next(priorities.Length)].ToString(),
                ["Status"] = status,
                ["Title"] = "看板基准工单",
                ["CustomerId"] = customerId,
                ["CustomerName"] = "基准客户",
                ["SiteAddress"] = tech.City + "市基准路 1 号",
                ["City"] = tech.City,
                ["Region"] = tech.Region,
                ["AssigneeId"] = tech.Id,
                ["AssigneeName"] = tech.Name,
                ["CreatedAt"] = createdAt.UtcTicks,
                ["UpdatedAt"] = (moves.Count > 0 ? moves[^1].At : createdAt).UtcTicks,
                ["UpdatedByName"] = "基准",
                ["ResolvedAt"] = status is "Resolved" or "Closed" ? resolved.UtcTicks : null,
                ["ClosedAt"] = status == "Closed" ? closed.UtcTicks : null,
                ["Version"] = 1L,
                ["CustomerRating"] = stars is { } r ? (long)r : null,
                ["RatedAt"] = stars is not null ? ratedAt.UtcTicks : null,
            };
            await RunAsync(ticket, ticketColumns, v);
            foreach (var m in moves)
                await RunAsync(timeline, eventColumns, new Dictionary<string, object?>
                {
                    ["TicketId"] = (long)i, ["At"] = m.At.UtcTicks, ["ActorId"] = "bench", ["ActorName"] = "基准", ["Kind"] = m.Kind,
                    ["Field"] = m.Kind == nameof(TicketEventKind.Assigned) ? "AssigneeName" : "Status", ["Before"] = m.Before, ["After"] = m.After,
                });
            if (i % 200_000 == 0) Console.WriteLine($"  … {i:N0} tickets written");
        }
        await tx.CommitAsync();
        // The connection goes back to the pool the app shares, whose PRAGMAs are set only once per connection.
        await Exec(connection, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
    }

    private sealed record Column(string Name, string Type, bool NotNull, bool HasDefault, bool Key);

    private static async Task<List<Column>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA table_info({table})";
        var columns = new List<Column>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns.Add(new Column(reader.GetString(1), reader.GetString(2), reader.GetInt32(3) == 1, !reader.IsDBNull(4), reader.GetInt32(5) > 0));
        // The timeline's key is assigned by SQLite.
        return table == "TicketEvents" ? columns.Where(c => !c.Key).ToList() : columns;
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction tx, string table, List<Column> columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c.Name))})";
        foreach (var c in columns) command.Parameters.Add(new SqliteParameter("@" + c.Name, DBNull.Value));
        command.Prepare();
        return command;
    }

    private static Task RunAsync(SqliteCommand command, List<Column> columns, Dictionary<string, object?> values)
    {
        foreach (var c in columns)
        {
            object? value = values.TryGetValue(c.Name, out var v) ? v : null;
            if (value is null && c.NotNull) value = c.Type.Equals("TEXT", StringComparison.OrdinalIgnoreCase) ? "" : 0L;
            command.Parameters["@" + c.Name].Value = value ?? DBNull.Value;
        }
        return command.ExecuteNonQueryAsync();
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
