using Microsoft.Data.Sqlite;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.List;

/// <summary>One first-page list request: who asks and with which filter, and the same request in hand-written SQL.</summary>
internal sealed record ListCase(string Key, string Name, AccessScope Scope, TicketFilter Filter, bool Targeted)
{
    public static readonly ListCase[] All =
    [
        new("New", "Admin · Status=New", BenchScopes.Admin, new TicketFilter { Status = TicketStatus.New }, Targeted: true),
        new("EastNew", "华东 dispatcher · Region=华东 + Status=New", BenchScopes.EastDispatcher,
            new TicketFilter { Region = Regions.East, Status = TicketStatus.New }, Targeted: true),
        new("EastClosed", "华东 dispatcher · Region=华东 + Status=Closed", BenchScopes.EastDispatcher,
            new TicketFilter { Region = Regions.East, Status = TicketStatus.Closed }, Targeted: true),
        new("EastAll", "华东 dispatcher · no filter (list's first view)", BenchScopes.EastDispatcher, new TicketFilter(), Targeted: false),
        new("All", "Admin · no filter", BenchScopes.Admin, new TicketFilter(), Targeted: false),
    ];

    public static ListCase ByKey(string key) => All.Single(c => c.Key == key);

    /// <summary>
    /// What a developer would write by hand with Microsoft.Data.Sqlite: the same visibility rule, filters, order,
    /// page and columns, read into the same <see cref="TicketRow"/>; a pooled connection per call, like a context per call.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<TicketRow> Items)> RawAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var (countCommand, pageCommand) = RawCommands(connection);
        await using var count = countCommand;
        await using var page = pageCommand;
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var items = new List<TicketRow>(Filter.PageSize);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            items.Add(new TicketRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Enum.Parse<TicketType>(reader.GetString(3)),
                Enum.Parse<TicketPriority>(reader.GetString(4)), Enum.Parse<TicketStatus>(reader.GetString(5)), reader.GetString(6), reader.GetString(7),
                reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                new DateTimeOffset(reader.GetInt64(11), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(12), TimeSpan.Zero), reader.GetInt64(13)));
        return (total, items);
    }

    /// <summary>The hand-written COUNT and page commands, parameters bound.</summary>
    public (SqliteCommand Count, SqliteCommand Page) RawCommands(SqliteConnection connection)
    {
        var where = new List<string>();
        var count = connection.CreateCommand();
        var page = connection.CreateCommand();
        void Bind(string name, object value)
        {
            count.Parameters.AddWithValue(name, value);
            page.Parameters.AddWithValue(name, value);
        }
        if (!Scope.AllRegions)
        {
            where.Add($"Region IN ({string.Join(", ", Scope.Regions.Select((_, i) => "$scope" + i))})");
            for (var i = 0; i < Scope.Regions.Length; i++) Bind("$scope" + i, Scope.Regions[i]);
        }
        if (Filter.Status is { } status)
        {
            where.Add("Status = $status");
            Bind("$status", status.ToString());
        }
        if (Filter.Region is { } region)
        {
            where.Add("Region = $region");
            Bind("$region", region);
        }
        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        count.CommandText = $"SELECT COUNT(*) FROM Tickets {clause}";
        page.CommandText = $"""
            SELECT Id, Number, Title, Type, Priority, Status, CustomerName, City, Region, AssigneeId, AssigneeName, CreatedAt, UpdatedAt, Version
            FROM Tickets {clause}
            ORDER BY CreatedAt DESC, Id DESC
            LIMIT $take OFFSET $skip
            """;
        page.Parameters.AddWithValue("$take", Filter.PageSize);
        page.Parameters.AddWithValue("$skip", Filter.Page * Filter.PageSize);
        return (count, page);
    }

    public async Task<(int Total, IReadOnlyList<TicketRow> Items)> EfAsync(TicketQueries queries)
    {
        var page = await queries.ListAsync(Scope, Filter);
        return (page.Total, page.Items);
    }
}
