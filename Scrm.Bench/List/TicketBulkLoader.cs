using System.Globalization;
using Microsoft.Data.Sqlite;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.List;

/// <summary>
/// Fills Tickets with a year of history in one transaction through one prepared INSERT: 88 % closed, 2 % cancelled,
/// 10 % spread over the nine open statuses; regions follow the (demo) customers. Deterministic (fixed seed).
/// No timeline or audit rows: the list reads Tickets only.
/// </summary>
internal static class TicketBulkLoader
{
    private static readonly TicketStatus[] OpenStatuses =
        Enum.GetValues<TicketStatus>().Where(s => s is not (TicketStatus.Closed or TicketStatus.Cancelled)).ToArray();

    private static readonly TimeSpan BusinessOffset = TimeSpan.FromHours(8);

    private sealed record Place(long CustomerId, string CustomerName, long SiteId, string Address, string City, string Region, double Lat, double Lng);

    public static async Task LoadAsync(string connectionString, int count)
    {
        var rng = new Random(2026);
        await using var connection = RawSqlite.Open(connectionString);
        var places = await PlacesAsync(connection);
        var technicians = await TechniciansAsync(connection);
        var now = DateTimeOffset.UtcNow;
        var created = Enumerable.Range(0, count).Select(_ => now.AddMinutes(-rng.NextDouble() * 365 * 24 * 60)).Order().ToArray();
        var perDay = new Dictionary<string, int>();

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO Tickets (Number, Type, Title, Description, Priority, Status, CustomerId, CustomerName, SiteId, DeviceId,
                SiteAddress, City, Region, Lat, Lng, AssigneeId, AssigneeName, CreatedAt, UpdatedAt, UpdatedByName, ResolvedAt, ClosedAt, Version)
            VALUES ($number, $type, $title, NULL, $priority, $status, $customer, $customerName, $site, NULL,
                $address, $city, $region, $lat, $lng, $assignee, $assigneeName, $created, $updated, '客服中心', $resolved, $closed, $version)
            """;
        var names = new[]
        {
            "$number", "$type", "$title", "$priority", "$status", "$customer", "$customerName", "$site", "$address", "$city", "$region",
            "$lat", "$lng", "$assignee", "$assigneeName", "$created", "$updated", "$resolved", "$closed", "$version",
        };
        foreach (var name in names) insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        insert.Prepare();
        var p = insert.Parameters;
        foreach (var at in created)
        {
            var place = places[rng.Next(places.Length)];
            var roll = rng.NextDouble();
            var status = roll < 0.88 ? TicketStatus.Closed : roll < 0.90 ? TicketStatus.Cancelled : OpenStatuses[rng.Next(OpenStatuses.Length)];
            var assigned = status is not (TicketStatus.New or TicketStatus.Cancelled);
            var tech = assigned ? technicians[place.Region][rng.Next(technicians[place.Region].Length)] : default;
            var day = (at + BusinessOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var sequence = perDay[day] = perDay.GetValueOrDefault(day) + 1;
            var updated = status is TicketStatus.Closed or TicketStatus.Cancelled ? at.AddHours(1 + rng.NextDouble() * 72) : at.AddMinutes(rng.NextDouble() * 600);
            if (updated > now) updated = now;
            p["$number"].Value = $"GD-{day}-{sequence:D4}";
            p["$type"].Value = rng.Next(10) < 6 ? nameof(TicketType.Repair) : nameof(TicketType.Maintenance);
            p["$title"].Value = $"{place.City}门店设备报修 #{sequence}";
            p["$priority"].Value = ((TicketPriority)(rng.Next(10) switch { < 2 => 0, < 7 => 1, < 9 => 2, _ => 3 })).ToString();
            p["$status"].Value = status.ToString();
            p["$customer"].Value = place.CustomerId;
            p["$customerName"].Value = place.CustomerName;
            p["$site"].Value = place.SiteId;
            p["$address"].Value = place.Address;
            p["$city"].Value = place.City;
            p["$region"].Value = place.Region;
            p["$lat"].Value = place.Lat;
            p["$lng"].Value = place.Lng;
            p["$assignee"].Value = assigned ? tech.Id : DBNull.Value;
            p["$assigneeName"].Value = assigned ? tech.Name : DBNull.Value;
            p["$created"].Value = at.UtcTicks;
            p["$updated"].Value = updated.UtcTicks;
            p["$resolved"].Value = status is TicketStatus.Closed or TicketStatus.Resolved ? updated.UtcTicks : DBNull.Value;
            p["$closed"].Value = status is TicketStatus.Closed ? updated.UtcTicks : DBNull.Value;
            p["$version"].Value = assigned ? 6 : 2;
            await insert.ExecuteNonQueryAsync();
        }

        await using var sequences = connection.CreateCommand();
        sequences.Transaction = tx;
        sequences.CommandText = "INSERT INTO TicketDaySequences (Day, Last) VALUES ($day, $last) ON CONFLICT(Day) DO UPDATE SET Last = max(Last, excluded.Last)";
        var dayParameter = sequences.Parameters.Add(new SqliteParameter { ParameterName = "$day" });
        var lastParameter = sequences.Parameters.Add(new SqliteParameter { ParameterName = "$last" });
        foreach (var (day, last) in perDay)
        {
            dayParameter.Value = day;
            lastParameter.Value = last;
            await sequences.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private static async Task<Place[]> PlacesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.Id, c.Name, s.Id, s.Address, s.City, s.Region, s.Lat, s.Lng
            FROM Customers c JOIN Sites s ON s.CustomerId = c.Id ORDER BY s.Id
            """;
        var list = new List<Place>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(new Place(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetDouble(6), reader.GetDouble(7)));
        if (list.Count == 0) throw new InvalidOperationException("No customers to open tickets for: seed the demo customers first.");
        return [.. list];
    }

    private static async Task<Dictionary<string, (long Id, string Name)[]>> TechniciansAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Name, Region FROM Technicians ORDER BY Id";
        var list = new List<(long Id, string Name, string Region)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return list.GroupBy(t => t.Region).ToDictionary(g => g.Key, g => g.Select(t => (t.Id, t.Name)).ToArray());
    }
}
