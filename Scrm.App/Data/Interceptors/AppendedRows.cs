using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
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
    /// The INSERT of one entity type: <see cref="Head"/> up to VALUES, the <see cref="Returning"/> clause that ends a
    /// statement returning the keys; both null: the type does not qualify (see <see cref="ShapeOf"/>). The commands
    /// for each number of rows are built once and reused by every context of the model, as EF reuses a query's.
    /// </summary>
    internal sealed record Shape(string? Head, string? Returning, IProperty[] Columns, RelationalTypeMapping[] Mappings, IProperty? Key)
    {
        private readonly IRelationalCommand?[] _returning = new IRelationalCommand?[RowsPerCommand + 1];
        private readonly IRelationalCommand?[] _plain = new IRelationalCommand?[RowsPerCommand + 1];

        public bool Plain => Head is not null;

        /// <summary>The INSERT of <paramref name="rows"/> rows, with their keys returned when <paramref name="returning"/>.</summary>
        public IRelationalCommand Command(ScrmDbContext db, int rows, bool returning)
        {
            var built = returning ? _returning : _plain;
            // Two threads may build the same template at once; either copy serves. A command itself is not shared:
            // EF's keeps its reader between executions, so each write gets its own built from the template.
            var template = built[rows] ??= Build(db, rows, returning);
            var command = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(template.CommandText);
            foreach (var parameter in template.Parameters) command.AddParameter(parameter);
            return command.Build();
        }

        // Parameters typed by the model's mappings (value converters applied when bound), named p0, p1, …: EF adds
        // them to the DbCommand without the name search it makes for ready-made DbParameters, which grew with the
        // square of a multi-row statement's parameters.
        private IRelationalCommand Build(ScrmDbContext db, int rows, bool returning)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(Head!);
            for (var r = 0; r < rows; r++)
            {
                builder.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Length; c++)
                {
                    var name = ParameterName(r * Columns.Length + c);
                    builder.AddParameter(name, sql.GenerateParameterName(name), Mappings[c], Columns[c].IsNullable);
                    builder.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }
                builder.Append(")");
            }
            return builder.Append(returning ? Returning! : ";").Build();
        }
    }

    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, 1024).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture))];

    internal static string ParameterName(int i) => i < ParameterNames.Length ? ParameterNames[i] : "p" + i.ToString(CultureInfo.InvariantCulture);

    // The rows of the create path whose saves may skip SaveChanges: a new ticket and its timeline. Other modules' saves
    // keep SaveChanges until each is checked against it as these are (TicketInsertWithoutSaveChanges).
    private static readonly HashSet<Type> Appendable = [typeof(Scrm.Domain.Tickets.Ticket), typeof(Scrm.Domain.Tickets.TicketEvent)];

    // Per model (each test host builds its own) and row type: the statement and its columns, worked out once.
    private static readonly ConcurrentDictionary<(IModel Model, Type Row), Shape> Shapes = new();

    /// <summary>
    /// Rows per multi-row INSERT. Not as many as a statement may take (SQL Server: 2,100 parameters): SQLite finds each
    /// named parameter by a linear search of the statement's names, so binding grows with the square of its parameters;
    /// 6,000 timers cost ~60–90 µs of CPU per row at 150 rows a statement, ~12–15 µs at 1–16 (ADR 0041).
    /// </summary>
    internal const int RowsPerCommand = 16;

    /// <summary>
    /// Untracked new rows (audit, outbox, a handler's notifications) in multi-row INSERTs of <see cref="RowsPerCommand"/>,
    /// their generated keys set on them: a handler's batch writes a hundred or more rows of one kind, and EF's save
    /// built and bound one INSERT … RETURNING per row inside the writer loop. The keys come back in no promised order,
    /// but the write holds SQLite's one write lock and an INSERT … VALUES takes its rows in order, each key above the one
    /// before: sorted, they are the rows' keys in order (a count that does not match is refused, never guessed).
    /// </summary>
    public static async Task InsertManyAsync<T>(ScrmDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = ShapeFor(db, typeof(T));
        if (!shape.Plain) throw new InvalidOperationException($"{typeof(T).Name} rows cannot be inserted as plain rows: its key is not the only generated column.");
        InTransaction(db);
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            var values = Values(shape, chunk, static (row, column) => column.GetGetter().GetClrValue(row));
            var keys = await KeysAsync(db, shape.Command(db, chunk.Length, returning: true), values, $"the {typeof(T).Name} rows", ct);
            if (keys.Count != chunk.Length) throw new DbUpdateException($"Inserted {chunk.Length} {typeof(T).Name} rows but {keys.Count} keys came back.");
            keys.Sort();
            for (var i = 0; i < chunk.Length; i++)
                shape.Key!.PropertyInfo!.SetValue(chunk[i], Convert.ChangeType(keys[i], shape.Key.ClrType, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>New rows whose keys nobody reads back (a batch's timers): multi-row INSERTs without RETURNING.</summary>
    public static async Task WriteManyAsync<T>(ScrmDbContext db, IReadOnlyList<T> rows, string what, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = ShapeFor(db, typeof(T));
        if (!shape.Plain) throw new InvalidOperationException($"{typeof(T).Name} rows cannot be inserted as plain rows.");
        InTransaction(db);
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            var values = Values(shape, chunk, static (row, column) => column.GetGetter().GetClrValue(row));
            await RunAsync(db, shape.Command(db, chunk.Length, returning: false), values, what,
                async (command, arguments) => await command.ExecuteNonQueryAsync(arguments, ct));
        }
    }

    /// <summary>The parameter values of <paramref name="rows"/> (CLR values: the parameters' mappings convert them).</summary>
    private static Dictionary<string, object?> Values<TRow>(Shape shape, IReadOnlyList<TRow> rows, Func<TRow, IProperty, object?> valueOf)
    {
        var values = new Dictionary<string, object?>(rows.Count * shape.Columns.Length);
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < shape.Columns.Length; c++)
                values[ParameterName(r * shape.Columns.Length + c)] = valueOf(rows[r], shape.Columns[c]);
        return values;
    }

    private static Task<List<long>> KeysAsync(ScrmDbContext db, IRelationalCommand command, Dictionary<string, object?> values, string what, CancellationToken ct) =>
        RunAsync(db, command, values, what, async (command, arguments) =>
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
            if (!shape.Plain || shape.Key!.DeclaringType != entry.Metadata) return null;
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
        var values = Values(shape, [entry.CurrentValues], static (row, column) => row[column]);
        var keys = await KeysAsync(db, shape.Command(db, 1, returning: true), values, $"the {entry.Metadata.ClrType.Name} row", ct);
        if (keys.Count != 1) throw new DbUpdateException($"Inserted a {entry.Metadata.ClrType.Name} row but {keys.Count} keys came back.");
        var keyEntry = entry.Property(shape.Key!);
        keyEntry.CurrentValue = Convert.ChangeType(keys[0], shape.Key!.ClrType, CultureInfo.InvariantCulture);
        keyEntry.IsTemporary = false;
    }

    private static void InTransaction(ScrmDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Appended rows are written only inside the write's transaction.");
    }

    /// <summary>
    /// Runs <paramref name="command"/> through EF's command pipeline (its interceptors and logging see the statement),
    /// not its change tracker.
    /// </summary>
    private static async Task<T> RunAsync<T>(ScrmDbContext db, IRelationalCommand command, Dictionary<string, object?> values, string what,
        Func<IRelationalCommand, RelationalCommandParameterObject, Task<T>> run)
    {
        var arguments = new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), values, null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.SaveChanges);
        try
        {
            return await run(command, arguments);
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
        if (!plain) return new Shape(null, null, columns, [], key);
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                   $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var returning = $" RETURNING {sql.DelimitIdentifier(key!.GetColumnName(table)!)};";
        return new Shape(head, returning, columns, [.. columns.Select(c => c.GetRelationalTypeMapping())], key);
    }
}
