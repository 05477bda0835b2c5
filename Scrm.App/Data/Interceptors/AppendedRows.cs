using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Scrm.App.Data.Interceptors;

/// <summary>
/// Audit and outbox rows are only ever inserted, so on SQLite the write path puts them in with one plain
/// INSERT … RETURNING each, in the save's transaction, instead of a second SaveChanges that would track, sort, batch
/// and build commands again for two rows. Values go through the model's own type mappings (UTC ticks, GUID text), so
/// the rows are exactly those EF would have written; the rows stay untracked, and their keys are set from what the
/// insert returned. SQL Server keeps the second SaveChanges (untested here, and no gate makes the order matter less).
/// </summary>
internal static class AppendedRows
{
    private sealed record Shape(string Sql, IProperty[] Columns, RelationalTypeMapping[] Mappings, IProperty Key);

    // Per model (each test host builds its own) and row type: the statement and its columns, worked out once.
    private static readonly ConcurrentDictionary<(IModel Model, Type Row), Shape> Shapes = new();

    public static async Task InsertAsync<T>(ScrmDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = Shapes.GetOrAdd((db.Model, typeof(T)), static (key, db) => ShapeOf(db, key.Model.FindEntityType(key.Row)!), db);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit and outbox rows are written only inside the write's transaction.");
        var commands = db.GetService<IRawSqlCommandBuilder>();
        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        await using var factory = connection.DbConnection.CreateCommand();
        foreach (var row in rows)
        {
            // Through EF's command pipeline (its interceptors and logging see the statement), not its change tracker.
            var parameters = new object[shape.Columns.Length];
            for (var i = 0; i < parameters.Length; i++)
                parameters[i] = shape.Mappings[i].CreateParameter(factory, "@p" + i.ToString(CultureInfo.InvariantCulture),
                    shape.Columns[i].GetGetter().GetClrValue(row), shape.Columns[i].IsNullable);
            var command = commands.Build(shape.Sql, parameters);
            object? key;
            try
            {
                key = await command.RelationalCommand.ExecuteScalarAsync(
                    new RelationalCommandParameterObject(connection, command.ParameterValues, null, db, logger, CommandSource.SaveChanges), ct);
            }
            catch (DbException e)
            {
                // Callers see a failed save as they did when these rows went through SaveChanges.
                throw new DbUpdateException($"Could not write the {typeof(T).Name} row; see the inner exception.", e);
            }
            shape.Key.PropertyInfo!.SetValue(row, Convert.ChangeType(key, shape.Key.ClrType, CultureInfo.InvariantCulture));
        }
    }

    private static Shape ShapeOf(ScrmDbContext db, IEntityType entity)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var columns = entity.GetProperties().Where(p => p != key).ToArray();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                   $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) " +
                   $"VALUES ({string.Join(", ", columns.Select((_, i) => "{" + i.ToString(CultureInfo.InvariantCulture) + "}"))}) " +
                   $"RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)};";
        return new Shape(text, columns, [.. columns.Select(c => c.GetRelationalTypeMapping())], key);
    }
}
