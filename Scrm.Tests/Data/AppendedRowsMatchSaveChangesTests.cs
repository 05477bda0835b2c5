using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;
using Scrm.App.Data.Interceptors;
using Scrm.App.Events;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>
/// On SQLite the new rows of the <see cref="AppendedRows.Appendable"/> types go in as INSERTs generated from the model
/// instead of through SaveChanges (ADRs 0037, 0047). For each of those types a row with a value in every column (odd
/// instants with an offset, enums, nulls left out) must be stored exactly as SaveChanges stores it; and the rows a save
/// leaves to SaveChanges (changes, deletes, rows referring to rows SaveChanges writes) are still written.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AppendedRowsMatchSaveChanges(TestApp app)
{
    public static TheoryData<string> AppendableTypes() => [.. AppendedRows.Appendable.Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(AppendableTypes))]
    public async Task ARowWithAValueInEveryColumnIsStoredAsSaveChangesStoresIt(string typeName)
    {
        var type = AppendedRows.Appendable.Single(t => t.FullName == typeName);

        var (appended, appendedSaves, generated) = await InsertAsync(type, plain: false);
        var (saved, savedSaves, _) = await InsertAsync(type, plain: true);

        appendedSaves.ShouldBe(1, "the row should have gone in as a plain INSERT");
        savedSaves.ShouldBe(0);
        appended.Count.ShouldBe(1);
        saved.Count.ShouldBe(1);
        appended[0].Keys.ShouldBe(saved[0].Keys);
        foreach (var column in appended[0].Keys.Where(c => c != generated))
            appended[0][column].ShouldBe(saved[0][column], $"{type.Name}.{column}");
    }

    [Fact]
    public async Task ASaveThatAlsoChangesARowInsertsTheNewRowItselfAndLeavesTheChangeToSaveChanges()
    {
        var marker = TestApp.Marker("mixed");
        var earlier = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        await using (var seed = await app.DbAsync(TestApp.Admin))
        {
            seed.Add(new ProcessedEvent { Handler = marker, EventId = Guid.NewGuid(), ProcessedAt = earlier });
            await seed.SaveChangesAsync();
        }
        await using var db = await app.DbAsync(TestApp.Admin);
        var changed = await db.Set<ProcessedEvent>().SingleAsync(p => p.Handler == marker);
        changed.ProcessedAt = earlier.AddHours(1);
        db.Add(new ProcessedEvent { Handler = marker, EventId = Guid.NewGuid(), ProcessedAt = earlier });

        var written = await db.SaveChangesAsync();

        written.ShouldBe(2);
        db.WriteState.AppendedSaves.ShouldBe(1);
        await using var check = await app.DbAsync();
        var stored = await check.Set<ProcessedEvent>().AsNoTracking().Where(p => p.Handler == marker).ToListAsync();
        stored.Count.ShouldBe(2);
        stored.Single(p => p.EventId == changed.EventId).ProcessedAt.ShouldBe(earlier.AddHours(1));
    }

    [Fact]
    public async Task ASaveThatDeletesARowGoesThroughSaveChangesWhole()
    {
        var marker = TestApp.Marker("deleting");
        await using (var seed = await app.DbAsync(TestApp.Admin))
        {
            seed.Add(new ProcessedEvent { Handler = marker, EventId = Guid.NewGuid(), ProcessedAt = DateTimeOffset.UtcNow });
            await seed.SaveChangesAsync();
        }
        await using var db = await app.DbAsync(TestApp.Admin);
        var gone = await db.Set<ProcessedEvent>().SingleAsync(p => p.Handler == marker);
        db.Remove(gone);
        var added = new ProcessedEvent { Handler = marker, EventId = Guid.NewGuid(), ProcessedAt = DateTimeOffset.UtcNow };
        db.Add(added);

        await db.SaveChangesAsync();

        db.WriteState.AppendedSaves.ShouldBe(0);
        await using var check = await app.DbAsync();
        (await check.Set<ProcessedEvent>().Where(p => p.Handler == marker).Select(p => p.EventId).ToListAsync()).ShouldBe([added.EventId]);
    }

    /// <summary>
    /// A ticket with a key given by hand goes through SaveChanges; a new timeline row naming it must wait for it
    /// (inserted first, its foreign key would name a ticket not there yet) and goes through SaveChanges after it.
    /// Foreign keys are checked at once here, as in the app.
    /// </summary>
    [Fact]
    public async Task ANewRowReferringToANewRowLeftToSaveChangesIsLeftToItToo()
    {
        await using var db = await app.DbAsync(TestApp.Admin);
        db.SuppressAudit = true;
        await using var tx = await db.Database.BeginTransactionAsync();
        var existing = await db.Tickets.AsNoTracking().OrderBy(t => t.Id).FirstAsync();
        var id = await db.Tickets.MaxAsync(t => t.Id) + 1_000;
        var ticket = db.Entry(existing);
        ticket.Property(t => t.Id).CurrentValue = id;
        ticket.Property(t => t.Number).CurrentValue = TestApp.Marker("hand")[..30];
        ticket.State = EntityState.Added;
        var line = (TicketEvent)Sample(db, db.Model.FindEntityType(typeof(TicketEvent))!);
        db.Entry(line).Property(e => e.TicketId).CurrentValue = id;
        db.Add(line);

        var written = await db.SaveChangesAsync();

        written.ShouldBe(2);
        db.WriteState.AppendedSaves.ShouldBe(0);
        (await db.TicketEvents.CountAsync(e => e.TicketId == id)).ShouldBe(1);
        await tx.RollbackAsync();
    }

    /// <summary>
    /// Inserts one sample row of <paramref name="type"/> in a transaction of its own, reads it back there and rolls back:
    /// nothing commits, and foreign keys are checked only at a commit that never comes (the sample refers to no real rows).
    /// </summary>
    private async Task<(List<Dictionary<string, object?>> Rows, int AppendedSaves, string? GeneratedKey)> InsertAsync(Type type, bool plain)
    {
        await using var db = await app.DbAsync(TestApp.Admin);
        db.WriteState.PlainSaves = plain;
        db.SuppressAudit = true;
        await using var tx = await db.Database.BeginTransactionAsync();
        var transaction = tx.GetDbTransaction();
        await TransactionSql.ExecuteAsync(transaction, "PRAGMA defer_foreign_keys = ON;");
        var entity = db.Model.FindEntityType(type)!;
        var table = entity.GetTableName()!;
        var last = await TransactionSql.LongAsync(transaction, $"SELECT COALESCE(MAX(rowid), 0) FROM \"{table}\"");

        db.Add(Sample(db, entity));
        await db.SaveChangesAsync();

        var rows = await TransactionSql.RowsAsync(transaction, $"SELECT * FROM \"{table}\" WHERE rowid > {last}");
        var saves = db.WriteState.AppendedSaves;
        await tx.RollbackAsync();
        return (rows, saves, GeneratedKeyColumn(entity));
    }

    /// <summary>A new <paramref name="entity"/> with a sample value in every column but a generated key.</summary>
    private static object Sample(ScrmDbContext db, IEntityType entity)
    {
        var row = Activator.CreateInstance(entity.ClrType, nonPublic: true)!;
        var entry = db.Entry(row);
        var generated = GeneratedKeyColumn(entity);
        var seed = 0;
        foreach (var property in entity.GetProperties())
        {
            seed++;
            if (property.GetColumnName() == generated) continue;
            property.IsShadowProperty().ShouldBeFalse($"{entity.ClrType.Name}.{property.Name}: a shadow column needs the sample set after Add");
            entry.Property(property.Name).CurrentValue = SampleValue(entity, property, seed);
        }
        return row;
    }

    private static object SampleValue(IEntityType entity, IProperty property, int seed)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (type == typeof(string))
        {
            var text = $"样本 \"{entity.ClrType.Name}.{property.Name}\" <{seed}>";
            return property.GetMaxLength() is { } max && text.Length > max ? text[..max] : text;
        }
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();
        if (type == typeof(long)) return 987_654_321L + seed;
        if (type == typeof(int)) return 987_654 + seed;
        if (type == typeof(short)) return (short)(300 + seed);
        if (type == typeof(bool)) return true;
        if (type == typeof(decimal)) return 12_345.67m + seed;
        if (type == typeof(double)) return 31.2304 + seed;
        if (type == typeof(Guid)) return new Guid(seed, 2026, 11, [1, 2, 3, 4, 5, 6, 7, 8]);
        // An offset other than UTC and sub-millisecond ticks: both paths must convert them the same way.
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 28, 21, 30, 15, 123, TimeSpan.FromHours(8)).AddTicks(4_567 + seed);
        if (type == typeof(DateTime)) return new DateTime(2026, 11, 28, 13, 30, 15, 123, DateTimeKind.Utc).AddTicks(seed);
        if (type == typeof(DateOnly)) return new DateOnly(2026, 11, 28).AddDays(seed);
        if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(95 + seed);
        throw new InvalidOperationException($"No sample value for {entity.ClrType.Name}.{property.Name} ({property.ClrType.Name}): add one here.");
    }

    private static string? GeneratedKeyColumn(IEntityType entity) =>
        entity.FindPrimaryKey()!.Properties is [var key] && key.ValueGenerated == ValueGenerated.OnAdd ? key.GetColumnName() : null;
}
