using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class SqliteDatabase(TestApp app)
{
    [Fact]
    public async Task FileDatabaseIsInWriteAheadLogMode()
    {
        // A plain connection, without the app's interceptor: WAL must be persisted in the file itself.
        await using var connection = new SqliteConnection(app.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        var mode = (string?)await command.ExecuteScalarAsync();

        mode.ShouldBe("wal");
    }

    [Fact]
    public async Task SchemaComesFromTheInitialMigrationWithNothingPending()
    {
        await using var db = await app.DbAsync();

        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        var pending = await db.Database.GetPendingMigrationsAsync();

        applied.ShouldContain(id => id.EndsWith("_Initial", StringComparison.Ordinal));
        applied.ShouldBe(db.Database.GetMigrations().ToList());
        pending.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryPooledConnectionTheAppHandsOutHasForeignKeysOnNormalSyncTemporaryFilesInMemoryAndNoAutomaticCheckpoints()
    {
        // Migrations rebuild tables with foreign_keys off, and the PRAGMAs run once per pooled connection: the
        // migrations' connections must never come back to a context.
        for (var i = 0; i < 3; i++)
        {
            await using var db = await app.DbAsync();
            await db.Database.OpenConnectionAsync();
            (await PragmaAsync(db.Database.GetDbConnection(), "foreign_keys")).ShouldBe(1);
            (await PragmaAsync(db.Database.GetDbConnection(), "synchronous")).ShouldBe(1);
            // 2 = MEMORY: a group commit's savepoint journal would otherwise spill to a new file per batch.
            (await PragmaAsync(db.Database.GetDbConnection(), "temp_store")).ShouldBe(2);
            // 0: no commit (the writer loop's least of all) copies the log back itself; WalCheckpointer does.
            (await PragmaAsync(db.Database.GetDbConnection(), "wal_autocheckpoint")).ShouldBe(0);
            (await PragmaAsync(db.Database.GetDbConnection(), "journal_size_limit")).ShouldBe(32 * 1024 * 1024);
        }
    }

    [Fact]
    public async Task TheCheckpointerCopiesWhatCommitsLeftInTheLogBackIntoTheDatabaseFile()
    {
        var checkpointer = app.Get<WalCheckpointer>();
        await checkpointer.CheckpointAsync();
        for (var i = 0; i < 5; i++) await app.CreateTicketAsync(TestApp.Admin, "上海", $"检查点 {i}");

        var pass = await checkpointer.CheckpointAsync();

        pass.LogPages.ShouldBeGreaterThan(0);
        pass.CopiedPages.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task TheCheckpointerRunsOnItsOwnTwiceASecond()
    {
        var checkpointer = app.Get<WalCheckpointer>();
        var before = checkpointer.Passes;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        while (checkpointer.Passes < before + 2 && watch.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);

        checkpointer.Passes.ShouldBeGreaterThanOrEqualTo(before + 2);
    }

    [Fact]
    public async Task ThePragmasRunOnceForEachPhysicalConnectionNotOnEveryOpen()
    {
        var file = Path.Combine(Path.GetTempPath(), $"scrm-pragma-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={file};Pooling=True";
        var interceptor = new Scrm.App.Data.Interceptors.SqlitePragmaInterceptor();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await interceptor.ConnectionOpenedAsync(connection, null!);
            (await PragmaAsync(connection, "foreign_keys")).ShouldBe(1);
            var statements = 0;
            SQLitePCL.raw.sqlite3_trace(connection.Handle, (SQLitePCL.strdelegate_trace)((_, _) => statements++), null);

            await interceptor.ConnectionOpenedAsync(connection, null!);

            statements.ShouldBe(0);
        }
        finally
        {
            // Only this file's pool: other test hosts keep theirs.
            using (var pooled = new SqliteConnection(connectionString)) SqliteConnection.ClearPool(pooled);
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
    }

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
