using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scrm.App.Events;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Create;

/// <summary>
/// The rows one create writes — the day's number (UPSERT … RETURNING), the ticket, its first timeline event, its audit
/// row with the ticket as JSON, its TicketCreated outbox row — in plain Microsoft.Data.Sqlite: one connection per writer
/// with the app's PRAGMAs, statements prepared once, BEGIN IMMEDIATE … COMMIT around each ticket (or each group of
/// tickets). Its numbers (RW-…) come from a day row of their own, so the app's day keeps all its numbers.
/// </summary>
internal sealed class RawTicketWriter : IDisposable
{
    private const string Day = "RW";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim? _gate;
    private readonly EventTypes _types;
    private readonly SqliteCommand _sequence, _ticket, _event, _audit, _outbox;

    /// <param name="gate">Shared by the writers to queue in the process, as the app's write gate does; null leaves it to SQLite's lock.</param>
    public RawTicketWriter(string connectionString, EventTypes types, SemaphoreSlim? gate)
    {
        _connection = RawSqlite.Open(connectionString);
        _types = types;
        _gate = gate;
        _sequence = Command("""
            INSERT INTO TicketDaySequences (Day, Last) VALUES ($day, 1)
            ON CONFLICT (Day) DO UPDATE SET Last = Last + 1 RETURNING Last
            """, "$day");
        _ticket = Command("""
            INSERT INTO Tickets (Number, Type, Title, Description, Priority, Status, CustomerId, CustomerName, SiteId, DeviceId,
                SiteAddress, City, Region, Lat, Lng, AssigneeId, AssigneeName, CreatedAt, UpdatedAt, UpdatedByName, ResolvedAt, ClosedAt, Version)
            VALUES ($number, 'Repair', $title, $description, 'Normal', 'New', $customer, $customerName, $site, NULL,
                $address, $city, $region, $lat, $lng, NULL, NULL, $now, $now, 'bench', NULL, NULL, 1)
            RETURNING Id
            """, "$number", "$title", "$description", "$customer", "$customerName", "$site", "$address", "$city", "$region", "$lat", "$lng", "$now");
        _event = Command("""
            INSERT INTO TicketEvents (TicketId, At, ActorId, ActorName, Kind, Field, Before, After, Comment)
            VALUES ($ticket, $now, 'bench-raw', 'bench', 'Created', NULL, NULL, $number, NULL)
            """, "$ticket", "$now", "$number");
        _audit = Command("""
            INSERT INTO AuditEntries (At, UserId, UserName, Entity, EntityId, Action, Before, After)
            VALUES ($now, 'bench-raw', 'bench', 'Ticket', $ticket, 'Create', NULL, $after)
            """, "$now", "$ticket", "$after");
        _outbox = Command("""
            INSERT INTO OutboxMessages (EventId, Type, AggregateId, AggregateVersion, OccurredAt, Payload)
            VALUES ($eventId, 'TicketCreated', $ticket, 1, $now, $payload)
            """, "$eventId", "$ticket", "$now", "$payload");
    }

    /// <summary>Writes <paramref name="tickets"/> tickets for customer <paramref name="c"/> in one transaction.</summary>
    public async Task WriteAsync(CustomerSite c, int tickets = 1)
    {
        if (_gate is not null) await _gate.WaitAsync();
        try
        {
            using var tx = _connection.BeginTransaction();
            for (var i = 0; i < tickets; i++) WriteOne(tx, c);
            tx.Commit();
        }
        finally
        {
            _gate?.Release();
        }
    }

    private void WriteOne(SqliteTransaction tx, CustomerSite c)
    {
        var now = DateTimeOffset.UtcNow;
        var sequence = Convert.ToInt64(Run(_sequence, tx, scalar: true, ("$day", Day)), CultureInfo.InvariantCulture);
        var number = $"RW-{Today:yyyyMMdd}-{sequence:D6}";
        var title = $"压测工单 raw-{sequence} 咖啡机不出水";
        const string description = "门店反馈咖啡机不出水，请尽快安排技师上门。";
        var id = (long)Run(_ticket, tx, scalar: true, ("$number", number), ("$title", title), ("$description", description),
            ("$customer", c.Id), ("$customerName", c.Name), ("$site", c.SiteId), ("$address", c.Address), ("$city", c.City),
            ("$region", c.Region), ("$lat", c.Lat), ("$lng", c.Lng), ("$now", now.UtcTicks))!;
        Run(_event, tx, scalar: false, ("$ticket", id), ("$now", now.UtcTicks), ("$number", number));
        // The audit row holds every column of the new ticket, as the app's audit does.
        var after = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Id"] = id, ["Number"] = number, ["Type"] = "Repair", ["Title"] = title, ["Description"] = description,
            ["Priority"] = "Normal", ["Status"] = "New", ["CustomerId"] = c.Id, ["CustomerName"] = c.Name, ["SiteId"] = c.SiteId,
            ["DeviceId"] = null, ["SiteAddress"] = c.Address, ["City"] = c.City, ["Region"] = c.Region, ["Lat"] = c.Lat, ["Lng"] = c.Lng,
            ["AssigneeId"] = null, ["AssigneeName"] = null, ["CreatedAt"] = now, ["UpdatedAt"] = now, ["UpdatedByName"] = "bench",
            ["ResolvedAt"] = null, ["ClosedAt"] = null, ["Version"] = 1L,
        });
        Run(_audit, tx, scalar: false, ("$now", now.UtcTicks), ("$ticket", id.ToString(CultureInfo.InvariantCulture)), ("$after", after));
        var created = new TicketCreated(TicketType.Repair, TicketPriority.Normal, c.Id, c.City)
        {
            AggregateId = id, AggregateVersion = 1, OccurredAt = now, Number = number, Region = c.Region,
            Status = TicketStatus.New, ActorId = "bench-raw", ActorName = "bench",
        };
        Run(_outbox, tx, scalar: false, ("$eventId", created.EventId.ToString().ToUpperInvariant()), ("$ticket", id),
            ("$now", now.UtcTicks), ("$payload", _types.Serialize(created)));
    }

    private static object? Run(SqliteCommand command, SqliteTransaction tx, bool scalar, params (string Name, object Value)[] values)
    {
        command.Transaction = tx;
        foreach (var (name, value) in values) command.Parameters[name].Value = value;
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _sequence, _ticket, _event, _audit, _outbox }) command.Dispose();
        _connection.Dispose();
    }
}
