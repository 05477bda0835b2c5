using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;

namespace Scrm.App.Features.Timers;

/// <summary>
/// New timers of a handler's batch (an SLA ladder is several per ticket, hundreds per batch) inserted with one
/// multi-row INSERT per chunk, in the write's transaction, instead of EF's per-row insert commands: in a batch of 500
/// tickets EF's command building for the timers was the largest part of the SLA tracker's save. Values go through the
/// model's own type mappings (UTC ticks on SQLite), so the rows are those EF would have written. The rows are no
/// longer tracked afterwards: looking for one of them again in the same write finds it in the database.
/// </summary>
internal static class DueTimerRows
{
    // SQL Server takes at most 2,100 parameters and 1,000 rows per statement; 11 columns × 150 rows stays under both.
    private const int RowsPerCommand = 150;

    private sealed record Shape(string Head, IProperty[] Columns, RelationalTypeMapping[] Mappings);

    private static readonly ConcurrentDictionary<IModel, Shape> Shapes = new();

    /// <summary>Inserts the timers this context added and stops tracking them; nothing when the write has no transaction.</summary>
    public static async Task<int> InsertAddedAsync(ScrmDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) return 0;
        var added = db.Tracked<DueTimer>().Where(t => t.Id == 0 && db.Entry(t).State == EntityState.Added).ToList();
        if (added.Count < 2) return 0;
        var shape = Shapes.GetOrAdd(db.Model, static (model, db) => ShapeOf(db, model.FindEntityType(typeof(DueTimer))!), db);
        var commands = db.GetService<IRawSqlCommandBuilder>();
        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        await using var factory = connection.DbConnection.CreateCommand();
        foreach (var chunk in added.Chunk(RowsPerCommand))
        {
            var sql = new StringBuilder(shape.Head);
            var parameters = new object[chunk.Length * shape.Columns.Length];
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < shape.Columns.Length; c++)
                {
                    var i = r * shape.Columns.Length + c;
                    var name = "@p" + i.ToString(CultureInfo.InvariantCulture);
                    parameters[i] = shape.Mappings[c].CreateParameter(factory, name,
                        shape.Columns[c].GetGetter().GetClrValue(chunk[r]), shape.Columns[c].IsNullable);
                    sql.Append(c == 0 ? "" : ", ").Append('{').Append(i.ToString(CultureInfo.InvariantCulture)).Append('}');
                }
                sql.Append(')');
            }
            var command = commands.Build(sql.Append(';').ToString(), parameters);
            try
            {
                await command.RelationalCommand.ExecuteNonQueryAsync(
                    new RelationalCommandParameterObject(connection, command.ParameterValues, null, db, logger, CommandSource.SaveChanges), ct);
            }
            catch (DbException e)
            {
                // The caller sees a failed save, as when these rows went through SaveChanges.
                throw new DbUpdateException("Could not write the batch's timers; see the inner exception.", e);
            }
        }
        foreach (var timer in added) db.Entry(timer).State = EntityState.Detached;
        return added.Count;
    }

    private static Shape ShapeOf(ScrmDbContext db, IEntityType entity)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var columns = entity.GetProperties().Where(p => p != key).ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                   $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        return new Shape(head, columns, [.. columns.Select(c => c.GetRelationalTypeMapping())]);
    }
}
