using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// Writes a batch of pings as a few multi-row INSERTs on the write path's own connection and transaction. Pings are
/// telemetry arriving by the thousand a second: EF's per-entity tracking and one INSERT … RETURNING per row cost ten
/// times the insert itself, and nothing reads the new ids back.
/// </summary>
internal static class PositionRows
{
    /// <summary>SQL Server allows 2,100 parameters a command; 6 per row.</summary>
    private const int RowsPerCommand = 300;

    public static async Task InsertAsync(ScrmDbContext db, long technicianId, IReadOnlyList<PositionPing> pings, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var sqlite = db.OnSqlite;
        // SQLite keeps instants as UTC ticks (UtcTicksConverter); SQL Server as datetimeoffset.
        object Instant(DateTimeOffset at) => sqlite ? at.UtcTicks : at;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        foreach (var chunk in pings.Chunk(RowsPerCommand))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var values = new List<string>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                var p = chunk[i];
                values.Add($"(@t{i}, @lat{i}, @lng{i}, @at{i}, @now{i}, @acc{i})");
                Add(command, $"@t{i}", technicianId);
                Add(command, $"@lat{i}", p.Lat!.Value);
                Add(command, $"@lng{i}", p.Lng!.Value);
                Add(command, $"@at{i}", Instant(p.At!.Value));
                Add(command, $"@now{i}", Instant(receivedAt));
                Add(command, $"@acc{i}", p.Accuracy is { } accuracy ? accuracy : DBNull.Value);
            }
            var table = sqlite ? "\"TechnicianPositions\"" : "[TechnicianPositions]";
            command.CommandText = $"INSERT INTO {table} (TechnicianId, Lat, Lng, RecordedAt, ReceivedAt, AccuracyM) VALUES {string.Join(", ", values)}";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
