using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
}
