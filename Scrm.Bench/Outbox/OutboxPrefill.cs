using Scrm.App.Events;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Outbox;

/// <summary>A backlog for the dispatcher: N TicketCreated rows, as the write path would store them, in one raw transaction.</summary>
internal static class OutboxPrefill
{
    public static async Task<(long First, long Last, TicketCreated[] Events)> InsertAsync(string connectionString, EventTypes types, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(1, count).Select(i => new TicketCreated(TicketType.Repair, TicketPriority.Normal, 1, "上海")
        {
            AggregateId = 10_000_000 + i, AggregateVersion = 1, OccurredAt = now, Number = $"PF-{i:D8}", Region = Regions.East,
            Status = TicketStatus.New, ActorId = "bench", ActorName = "bench",
        }).ToArray();
        await using var connection = RawSqlite.Open(connectionString);
        await using var tx = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO OutboxMessages (EventId, Type, AggregateId, AggregateVersion, OccurredAt, Payload)
            VALUES ($eventId, 'TicketCreated', $aggregate, 1, $at, $payload) RETURNING Id
            """;
        var eventId = insert.Parameters.Add("$eventId", Microsoft.Data.Sqlite.SqliteType.Text);
        var aggregate = insert.Parameters.Add("$aggregate", Microsoft.Data.Sqlite.SqliteType.Integer);
        insert.Parameters.AddWithValue("$at", now.UtcTicks);
        var payload = insert.Parameters.Add("$payload", Microsoft.Data.Sqlite.SqliteType.Text);
        long first = 0, last = 0;
        foreach (var e in events)
        {
            eventId.Value = e.EventId.ToString().ToUpperInvariant();
            aggregate.Value = e.AggregateId;
            payload.Value = types.Serialize(e);
            last = (long)(await insert.ExecuteScalarAsync())!;
            if (first == 0) first = last;
        }
        await tx.CommitAsync();
        return (first, last, events);
    }
}
