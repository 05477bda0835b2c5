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
    /// The INSERT of one entity type: <see cref="Head"/> up to VALUES (null: the type does not qualify, see
    /// <see cref="ShapeOf"/>), and for a generated <see cref="Key"/> the <see cref="Returning"/> clause that ends a
    /// statement returning the keys (a type without one inserts every column, its key too). The commands
    /// for each number of rows are built once and reused by every context of the model, as EF reuses a query's.
    /// </summary>
    internal sealed record Shape(string? Head, string? Returning, IProperty[] Columns, RelationalTypeMapping[] Mappings, IProperty? Key)
    {
        private readonly IRelationalCommand?[] _returning = new IRelationalCommand?[RowsPerCommand + 1];
        private readonly IRelationalCommand?[] _plain = new IRelationalCommand?[RowsPerCommand + 1];

        public bool Plain => Head is not null;

        /// <summary>A key the insert returned, as the key property's type.</summary>
        public object KeyValue(long key) => Convert.ChangeType(key, Key!.ClrType, CultureInfo.InvariantCulture);

        /// <summary>The INSERT of <paramref name="rows"/> rows, with their keys returned when <paramref name="returning"/>.</summary>
        public IRelationalCommand Command(ScrmDbContext db, int rows, bool returning)
        {
            if (returning && Returning is null) throw new InvalidOperationException("Rows without a generated key have no keys to return.");
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

    /// <summary>
    /// The rows whose saves may skip SaveChanges: the create path's new ticket and its timeline, and the rows the event
    /// handlers add for each new ticket (its flow, SLA clock, progress link, inbox items, processed-event marks). Each
    /// is checked column by column against what SaveChanges writes (AppendedRowsMatchSaveChanges); add a type here
    /// only with that test passing for it.
    /// </summary>
    internal static readonly IReadOnlySet<Type> Appendable = new HashSet<Type>
    {
        typeof(Scrm.Domain.Tickets.Ticket), typeof(Scrm.Domain.Tickets.TicketEvent),
        typeof(Features.Flows.Runtime.FlowInstance), typeof(Features.Flows.Runtime.FlowNodeVisit), typeof(Features.Sla.TicketSla),
        typeof(Features.Tracking.TrackingTokenRecord), typeof(Features.Notifications.InboxItem), typeof(Events.ProcessedEvent),
    };

    // Per model (each test host builds its own) and row type: the statement and its columns, worked out once.
    private static readonly ConcurrentDictionary<(IModel Model, Type Row), Shape> Shapes = new();

    /// <summary>
    /// Rows per multi-row INSERT. Not as many as a statement may take (SQL Server: 2,100 parameters): SQLite finds each
    /// named parameter by a linear search of the statement's names, so binding grows with the square of its parameters;
    /// 6,000 timers cost ~60–90 µs of CPU per row at 150 rows a statement, ~12–15 µs at 1–16 (ADR 0041).
    /// </summary>
    internal const int RowsPerCommand = 16;

    /// <summary>
    /// Untracked new rows (audit, outbox, a handler's notifications) in multi-row INSERTs, their generated keys set on
    /// them: a handler's batch writes a hundred or more rows of one kind, and EF's save built and bound one
    /// INSERT … RETURNING per row inside the writer loop.
    /// </summary>
    public static async Task InsertManyAsync<T>(ScrmDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = ShapeFor(db, typeof(T));
        if (!shape.Plain || shape.Key is null) throw new InvalidOperationException($"{typeof(T).Name} rows cannot be inserted as plain rows with their generated keys.");
        InTransaction(db);
        await InsertChunksAsync(db, shape, rows, static (row, column) => column.GetGetter().GetClrValue(row),
            (row, key) => shape.Key.PropertyInfo!.SetValue(row, shape.KeyValue(key)), $"the {typeof(T).Name} rows", ct);
    }

    /// <summary>New rows whose keys nobody reads back (a batch's timers): multi-row INSERTs without RETURNING.</summary>
    public static async Task WriteManyAsync<T>(ScrmDbContext db, IReadOnlyList<T> rows, string what, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = ShapeFor(db, typeof(T));
        if (!shape.Plain) throw new InvalidOperationException($"{typeof(T).Name} rows cannot be inserted as plain rows.");
        InTransaction(db);
        await InsertChunksAsync(db, shape, rows, static (row, column) => column.GetGetter().GetClrValue(row), setKey: null, what, ct);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> with one statement per <see cref="RowsPerCommand"/>, values read by
    /// <paramref name="valueOf"/>; with <paramref name="setKey"/>, hands each row the key it was stored under. The keys
    /// come back in no promised order, but the write holds SQLite's one write lock and an INSERT … VALUES takes its rows
    /// in order, each key above the one before: sorted, they are the rows' keys in order (a count that does not match
    /// is refused, never guessed).
    /// </summary>
    private static async Task InsertChunksAsync<TRow>(ScrmDbContext db, Shape shape, IReadOnlyList<TRow> rows,
        Func<TRow, IProperty, object?> valueOf, Action<TRow, long>? setKey, string what, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            var values = Values(shape, chunk, valueOf);
            if (setKey is null)
            {
                await RunAsync(db, shape.Command(db, chunk.Length, returning: false), values, what,
                    async (command, arguments) => await command.ExecuteNonQueryAsync(arguments, ct));
                continue;
            }
            var keys = await KeysAsync(db, shape.Command(db, chunk.Length, returning: true), values, what, ct);
            if (keys.Count != chunk.Length) throw new DbUpdateException($"Inserted {chunk.Length} rows of {what} but {keys.Count} keys came back.");
            keys.Sort();
            for (var i = 0; i < chunk.Length; i++) setKey(chunk[i], keys[i]);
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

    /// <summary>What a save's plain inserts wrote: the rows, and whether changes are left for SaveChanges.</summary>
    public readonly record struct Appended(int Rows, bool Rest);

    /// <summary>
    /// Inserts a save's new rows of the <see cref="Appendable"/> types, a multi-row INSERT per type and round, principals
    /// before the rows that refer to them (EF carries each generated key to the new rows that refer to it), and accepts
    /// them as SaveChanges would. Whatever else the save changes is left for SaveChanges (<see cref="Appended.Rest"/>).
    /// Null, writing nothing, when nothing qualifies or the save deletes rows or changes a unique column: EF orders
    /// those before the inserts that may take the values they free.
    /// </summary>
    public static async Task<Appended?> TryInsertAddedAsync(ScrmDbContext db, IReadOnlyList<EntityEntry> entries, CancellationToken ct)
    {
        if (!db.OnSqlite || db.Database.CurrentTransaction is null) return null;
        List<(EntityEntry Entry, Shape Shape)> pending = [];
        var rest = new HashSet<IEntityType>();
        var changesRest = false;
        foreach (var entry in entries)
        {
            switch (entry.State)
            {
                case EntityState.Unchanged or EntityState.Detached:
                    continue;
                case EntityState.Deleted:
                    return null;
                case EntityState.Modified when ChangesUniqueColumn(entry):
                    return null;
                case EntityState.Added when Qualifies(db, entry) is { } shape:
                    pending.Add((entry, shape));
                    continue;
                case EntityState.Added:
                    rest.Add(entry.Metadata);
                    break;
            }
            changesRest = true;
        }
        if (pending.Count == 0) return null;

        List<EntityEntry> inserted = [];
        while (pending.Count > 0)
        {
            // A row goes in once no new row it may refer to is still to be inserted. A new row with a generated key is
            // named only through a temporary value; one whose key was given (a type without a generated key, or any
            // row left to SaveChanges) may be named by a plain value, so a row that may name one waits for it.
            var waiting = new Waiting(
                [.. pending.Where(p => p.Shape.Key is null).Select(p => p.Entry.Metadata).Concat(rest)],
                [.. pending.Select(p => p.Entry.Metadata)]);
            var ready = pending.Where(p => !MayReferToNewRow(p.Entry, waiting)).ToList();
            if (ready.Count == 0) break;
            foreach (var group in ready.GroupBy(p => p.Shape))
                await InsertTrackedAsync(db, group.Key, [.. group.Select(p => p.Entry)], ct);
            var done = ready.Select(p => p.Entry).ToHashSet();
            inserted.AddRange(done);
            pending.RemoveAll(p => done.Contains(p.Entry));
        }
        // Rows in a cycle of new rows (none could go first) are left to EF's sort.
        changesRest |= pending.Count > 0;
        if (inserted.Count == 0) return null;
        foreach (var entry in inserted) entry.State = EntityState.Unchanged;
        return new Appended(inserted.Count, changesRest);
    }

    /// <summary>The shape to insert a new row with, or null when it must go through SaveChanges.</summary>
    private static Shape? Qualifies(ScrmDbContext db, EntityEntry entry)
    {
        if (!Appendable.Contains(entry.Metadata.ClrType)) return null;
        var shape = ShapeFor(db, entry.Metadata.ClrType);
        if (!shape.Plain) return null;
        // A generated key given a value by hand is inserted by EF with that value; the generated-key INSERT leaves it out.
        return shape.Key is null || entry.Property(shape.Key).IsTemporary ? shape : null;
    }

    private static bool ChangesUniqueColumn(EntityEntry entry)
    {
        foreach (var property in entry.Metadata.GetProperties())
            if (entry.Property(property).IsModified && (property.IsKey() || property.GetContainingIndexes().Any(i => i.IsUnique)))
                return true;
        return false;
    }

    /// <summary>The types of new rows still to be inserted: those that may be named by a given key value, and all.</summary>
    private sealed record Waiting(HashSet<IEntityType> GivenKeys, HashSet<IEntityType> All);

    private static bool MayReferToNewRow(EntityEntry entry, Waiting waiting)
    {
        foreach (var fk in entry.Metadata.GetForeignKeys())
        {
            var values = fk.Properties.Select(entry.Property).ToList();
            if (values.Any(v => v.IsTemporary)) return true;
            if (values.Any(v => v.CurrentValue is null)) continue;
            // An alternate key (a ticket's number) is never temporary: any new row of the type may be the one named.
            var named = fk.PrincipalKey.IsPrimaryKey() ? waiting.GivenKeys : waiting.All;
            if (named.Any(fk.PrincipalEntityType.IsAssignableFrom)) return true;
        }
        return false;
    }

    private static Task InsertTrackedAsync(ScrmDbContext db, Shape shape, IReadOnlyList<EntityEntry> entries, CancellationToken ct) =>
        InsertChunksAsync(db, shape, [.. entries.Select(e => (Entry: e, Values: e.CurrentValues))], static (row, column) => row.Values[column],
            shape.Key is not { } generated ? null : (row, key) =>
            {
                var property = row.Entry.Property(generated);
                property.CurrentValue = shape.KeyValue(key);
                property.IsTemporary = false;
            },
            $"the {entries[0].Metadata.ClrType.Name} rows", ct);

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
    /// procedures; either its single integer key is the one generated column (left out, returned), or nothing is
    /// generated (every column inserted, the key too). Anything else is left to SaveChanges.
    /// </summary>
    private static Shape ShapeOf(ScrmDbContext db, IEntityType entity)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var keys = entity.FindPrimaryKey()?.Properties ?? [];
        var generated = keys is [var single] && single.ValueGenerated == ValueGenerated.OnAdd
                        && (single.ClrType == typeof(long) || single.ClrType == typeof(int)) ? single : null;
        var columns = entity.GetProperties().Where(p => p != generated).ToArray();
        var plain = keys.Count > 0
            && entity.GetTableName() is not null && entity.GetViewName() is null && entity.GetInsertStoredProcedure() is null
            && !entity.IsOwned() && entity.BaseType is null && !entity.GetDirectlyDerivedTypes().Any()
            && !entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) && !entity.GetComplexProperties().Any()
            && columns.All(c => c.ValueGenerated == ValueGenerated.Never && c.GetComputedColumnSql() is null && c.GetDefaultValueSql() is null
                                && c.GetBeforeSaveBehavior() == PropertySaveBehavior.Save)
            && entity.GetTableName() is { } name
            && !db.Model.GetEntityTypes().Any(other => other != entity && other.GetTableName() == name && other.GetSchema() == entity.GetSchema());
        if (!plain) return new Shape(null, null, columns, [], generated);
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                   $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var returning = generated is null ? null : $" RETURNING {sql.DelimitIdentifier(generated.GetColumnName(table)!)};";
        return new Shape(head, returning, columns, [.. columns.Select(c => c.GetRelationalTypeMapping())], generated);
    }
}
