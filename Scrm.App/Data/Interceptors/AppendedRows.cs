using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Scrm.App.Data.Interceptors;

/// <summary>
/// Rows that a save only ever inserts go in on SQLite with one plain INSERT … RETURNING each, in the save's
/// transaction, instead of through EF's update pipeline (tracking snapshots, topological sort, command batches built
/// again for a handful of rows): the audit and outbox rows (ADR 0035), and a save that only adds new rows, such as a
/// new ticket with its timeline row (ADR 0037). The statement is generated from the EF model (table, column names,
/// type mappings and value converters), so the rows are exactly those EF would have written; a test compares them
/// column by column. SQL Server keeps SaveChanges (untested here, and no gate makes the order matter less).
/// </summary>
internal static class AppendedRows
{
    /// <summary>
    /// The INSERT of one entity type: <see cref="Head"/> up to VALUES (also for multi-row inserts: DueTimerRows), the
    /// one-row statement returning the key, and the <see cref="Returning"/> clause that ends it; all null: the type does
    /// not qualify (see <see cref="ShapeOf"/>).
    /// </summary>
    internal sealed record Shape(string? Head, string? Sql, string? Returning, IProperty[] Columns, RelationalTypeMapping[] Mappings, IProperty? Key);

    // The rows of the create path whose saves may skip SaveChanges: a new ticket and its timeline. Other modules' saves
    // keep SaveChanges until each is checked against it as these are (TicketInsertWithoutSaveChanges).
    private static readonly HashSet<Type> Appendable = [typeof(Scrm.Domain.Tickets.Ticket), typeof(Scrm.Domain.Tickets.TicketEvent)];

    // Per model (each test host builds its own) and row type: the statement and its columns, worked out once.
    private static readonly ConcurrentDictionary<(IModel Model, Type Row), Shape> Shapes = new();

    /// <summary>Untracked rows (audit, outbox): values from their properties, keys set from what the insert returned.</summary>
    public static async Task InsertAsync<T>(ScrmDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = ShapeFor(db, typeof(T));
        if (shape.Sql is null) throw new InvalidOperationException($"{typeof(T).Name} rows cannot be appended: its key is not the only generated column.");
        InTransaction(db);
        foreach (var row in rows)
        {
            var key = await InsertAsync(db, shape, typeof(T).Name, column => column.GetGetter().GetClrValue(row), ct);
            shape.Key!.PropertyInfo!.SetValue(row, Convert.ChangeType(key, shape.Key.ClrType, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Rows per multi-row INSERT. Not as many as a statement may take (SQL Server: 2,100 parameters): SQLite finds each
    /// named parameter by a linear search of the statement's names, so binding grows with the square of its parameters;
    /// 6,000 timers cost ~60–90 µs of CPU per row at 150 rows a statement, ~12–15 µs at 1–16 (ADR 0041).
    /// </summary>
    internal const int RowsPerCommand = 16;

    /// <summary>One multi-row INSERT of <paramref name="chunk"/> (values through the model's mappings), and its parameters.</summary>
    internal static (StringBuilder Sql, object[] Parameters) MultiRow<T>(DbCommand factory, Shape shape, IReadOnlyList<T> chunk) where T : class
    {
        var sql = new StringBuilder(shape.Head);
        var parameters = new object[chunk.Count * shape.Columns.Length];
        for (var r = 0; r < chunk.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < shape.Columns.Length; c++)
            {
                var i = r * shape.Columns.Length + c;
                parameters[i] = Parameter(factory, shape, i, c, shape.Columns[c].GetGetter().GetClrValue(chunk[r]));
                sql.Append(c == 0 ? "" : ", ").Append('{').Append(i.ToString(CultureInfo.InvariantCulture)).Append('}');
            }
            sql.Append(')');
        }
        return (sql, parameters);
    }

    /// <summary>
    /// Untracked new rows in multi-row INSERTs of <see cref="RowsPerCommand"/>, their generated keys set on them: a
    /// handler's batch writes a hundred or more rows of one kind (notifications), and EF's save built and bound one
    /// INSERT … RETURNING per row inside the writer loop. The keys come back in no promised order, but the write holds
    /// SQLite's one write lock and an INSERT … VALUES takes its rows in order, each key above the one before: sorted,
    /// they are the rows' keys in order (a count that does not match is refused, never guessed).
    /// </summary>
    public static async Task InsertManyAsync<T>(ScrmDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = ShapeFor(db, typeof(T));
        if (shape.Returning is null) throw new InvalidOperationException($"{typeof(T).Name} rows cannot be inserted as plain rows.");
        InTransaction(db);
        await using var factory = db.GetService<IRelationalConnection>().DbConnection.CreateCommand();
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            var (sql, parameters) = MultiRow(factory, shape, chunk);
            var keys = await KeysAsync(db, sql.Append(shape.Returning).ToString(), parameters, $"the {typeof(T).Name} rows", ct);
            if (keys.Count != chunk.Length) throw new DbUpdateException($"Inserted {chunk.Length} {typeof(T).Name} rows but {keys.Count} keys came back.");
            keys.Sort();
            for (var i = 0; i < chunk.Length; i++)
                shape.Key!.PropertyInfo!.SetValue(chunk[i], Convert.ChangeType(keys[i], shape.Key.ClrType, CultureInfo.InvariantCulture));
        }
    }

    private static Task<List<long>> KeysAsync(ScrmDbContext db, string sql, object[] parameters, string what, CancellationToken ct) =>
        RunAsync(db, sql, parameters, what, async (command, arguments) =>
        {
            var keys = new List<long>(RowsPerCommand);
            await using var reader = await command.ExecuteReaderAsync(arguments, ct);
            while (await reader.ReadAsync(ct)) keys.Add(reader.DbDataReader.GetInt64(0));
            return keys;
        });

    /// <summary>
    /// A save whose changes are only new rows, each of a plainly mapped type, at most one level of new principals (a
    /// ticket and its timeline rows): inserts them, principals first, sets the generated keys (EF carries each key
    /// to the new rows that refer to it) and accepts the changes, as SaveChanges would. Returns the number of rows,
    /// or null without writing anything when the save is of another kind and must go through SaveChanges.
    /// </summary>
    public static async Task<int?> TryInsertAddedAsync(ScrmDbContext db, IReadOnlyList<EntityEntry> entries, CancellationToken ct)
    {
        if (!db.OnSqlite || db.Database.CurrentTransaction is null) return null;
        List<(EntityEntry Entry, Shape Shape)> principals = [], dependents = [];
        foreach (var entry in entries)
        {
            if (entry.State == EntityState.Unchanged || entry.State == EntityState.Detached) continue;
            if (entry.State != EntityState.Added || !Appendable.Contains(entry.Metadata.ClrType)) return null;
            var shape = ShapeFor(db, entry.Metadata.ClrType);
            if (shape.Sql is null || shape.Key!.DeclaringType != entry.Metadata) return null;
            (ReferencesNewRow(entry) ? dependents : principals).Add((entry, shape));
        }
        if (principals.Count == 0) return null;
        // A new row that refers to another new row may only refer to a principal: after the principals' inserts every
        // key it refers to must be real. Otherwise (a chain of new rows) EF's sort is needed.
        foreach (var (entry, _) in dependents)
            foreach (var fk in entry.Metadata.GetForeignKeys())
                if (fk.Properties.Any(p => entry.Property(p).IsTemporary) && dependents.Any(d => fk.PrincipalEntityType.IsAssignableFrom(d.Entry.Metadata)))
                    return null;

        foreach (var (entry, shape) in principals) await InsertTrackedAsync(db, entry, shape, ct);
        foreach (var (entry, shape) in dependents)
        {
            if (ReferencesNewRow(entry))
                throw new InvalidOperationException($"A new {entry.Metadata.ClrType.Name} still refers to an unsaved row after its principals were inserted.");
            await InsertTrackedAsync(db, entry, shape, ct);
        }
        foreach (var (entry, _) in principals) entry.State = EntityState.Unchanged;
        foreach (var (entry, _) in dependents) entry.State = EntityState.Unchanged;
        return principals.Count + dependents.Count;
    }

    private static bool ReferencesNewRow(EntityEntry entry)
    {
        foreach (var fk in entry.Metadata.GetForeignKeys())
            foreach (var property in fk.Properties)
                if (entry.Property(property).IsTemporary) return true;
        return false;
    }

    private static async Task InsertTrackedAsync(ScrmDbContext db, EntityEntry entry, Shape shape, CancellationToken ct)
    {
        var values = entry.CurrentValues;
        var key = await InsertAsync(db, shape, entry.Metadata.ClrType.Name, column => values[column], ct);
        var keyEntry = entry.Property(shape.Key!);
        keyEntry.CurrentValue = Convert.ChangeType(key, shape.Key!.ClrType, CultureInfo.InvariantCulture);
        keyEntry.IsTemporary = false;
    }

    private static void InTransaction(ScrmDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit and outbox rows are written only inside the write's transaction.");
    }

    private static async Task<object?> InsertAsync(ScrmDbContext db, Shape shape, string what, Func<IProperty, object?> valueOf, CancellationToken ct)
    {
        await using var factory = db.GetService<IRelationalConnection>().DbConnection.CreateCommand();
        var parameters = new object[shape.Columns.Length];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = Parameter(factory, shape, i, i, valueOf(shape.Columns[i]));
        return await ExecuteAsync(db, shape.Sql!, parameters, $"the {what} row", scalar: true, ct);
    }

    /// <summary>Parameter number <paramref name="number"/> for column <paramref name="column"/>, through the model's type mapping.</summary>
    internal static object Parameter(DbCommand factory, Shape shape, int number, int column, object? value) =>
        shape.Mappings[column].CreateParameter(factory, "@p" + number.ToString(CultureInfo.InvariantCulture), value, shape.Columns[column].IsNullable);

    /// <summary>
    /// Runs <paramref name="sql"/> through EF's command pipeline (its interceptors and logging see the statement), not
    /// its change tracker; the scalar it returns when <paramref name="scalar"/>.
    /// </summary>
    internal static Task<object?> ExecuteAsync(ScrmDbContext db, string sql, object[] parameters, string what, bool scalar, CancellationToken ct) =>
        RunAsync(db, sql, parameters, what, async (command, arguments) => scalar
            ? await command.ExecuteScalarAsync(arguments, ct)
            : await command.ExecuteNonQueryAsync(arguments, ct));

    private static async Task<T> RunAsync<T>(ScrmDbContext db, string sql, object[] parameters, string what,
        Func<IRelationalCommand, RelationalCommandParameterObject, Task<T>> run)
    {
        var connection = db.GetService<IRelationalConnection>();
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, parameters);
        var arguments = new RelationalCommandParameterObject(connection, command.ParameterValues, null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.SaveChanges);
        try
        {
            return await run(command.RelationalCommand, arguments);
        }
        catch (DbException e)
        {
            // Callers see a failed save as they did when these rows went through SaveChanges.
            throw new DbUpdateException($"Could not write {what}; see the inner exception.", e);
        }
    }

    internal static Shape ShapeFor(ScrmDbContext db, Type row) =>
        Shapes.GetOrAdd((db.Model, row), static (key, db) => ShapeOf(db, key.Model.FindEntityType(key.Row)!), db);

    /// <summary>
    /// The INSERT for a type mapped plainly to one table: no owned parts, no hierarchy or table splitting, no stored
    /// procedures, one generated column, its single integer key. Anything else is left to SaveChanges.
    /// </summary>
    private static Shape ShapeOf(ScrmDbContext db, IEntityType entity)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var keys = entity.FindPrimaryKey()?.Properties;
        var key = keys is [var single] ? single : null;
        var columns = entity.GetProperties().Where(p => p != key).ToArray();
        var plain = key is not null && key.ValueGenerated == ValueGenerated.OnAdd && (key.ClrType == typeof(long) || key.ClrType == typeof(int))
            && entity.GetTableName() is not null && entity.GetViewName() is null && entity.GetInsertStoredProcedure() is null
            && !entity.IsOwned() && entity.BaseType is null && !entity.GetDirectlyDerivedTypes().Any()
            && !entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) && !entity.GetComplexProperties().Any()
            && columns.All(c => c.ValueGenerated == ValueGenerated.Never && c.GetComputedColumnSql() is null && c.GetDefaultValueSql() is null
                                && c.GetBeforeSaveBehavior() == PropertySaveBehavior.Save)
            && entity.GetTableName() is { } name
            && !db.Model.GetEntityTypes().Any(other => other != entity && other.GetTableName() == name && other.GetSchema() == entity.GetSchema());
        if (!plain) return new Shape(null, null, null, columns, [], key);
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                   $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var returning = $" RETURNING {sql.DelimitIdentifier(key!.GetColumnName(table)!)};";
        var text = head + $"({string.Join(", ", columns.Select((_, i) => "{" + i.ToString(CultureInfo.InvariantCulture) + "}"))})" + returning;
        return new Shape(head, text, returning, columns, [.. columns.Select(c => c.GetRelationalTypeMapping())], key);
    }
}
