using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Scrm.App.Data.Interceptors;

/// <summary>
/// WAL lets readers run beside the one writer; synchronous=NORMAL is the durable-enough pairing for WAL;
/// busy_timeout makes concurrent writers queue instead of failing; temp_store=MEMORY keeps SQLite's temporary files in
/// memory: a group commit's savepoints spill their sub-journal past 64 KB to a new file under /var/tmp, created,
/// written and deleted once per batch (3 % of a create's CPU in open, unlink and close alone).
/// wal_autocheckpoint=0: no commit copies the log back into the database file itself, <see cref="WalCheckpointer"/>
/// does that off the writer loop; journal_size_limit then cuts the log file back to 32 MB whenever it starts over, so a
/// burst (the demo seeding, a start-up catch-up) leaves no 100 MB log file behind.
/// Read-only connections are left alone: they cannot switch the journal mode.
/// All seven stay set on the SQLite connection itself, and Microsoft.Data.Sqlite pools those: they run once per
/// physical connection, not on every open (four statements per create before). Whatever switches one of them off on
/// a pooled connection (migrations rebuilding a table turn foreign_keys off) must clear the pool afterwards
/// (<see cref="Seed.DatabaseSetup"/> does).
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=33554432;";

    // Keyed by SQLite's own handle, which lives as long as the physical connection; a disposed one drops out.
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite) return;
        if (Prepared.TryGetValue(handle, out _)) return;
        if (!sqlite.ConnectionString.Contains("Mode=ReadOnly", StringComparison.OrdinalIgnoreCase))
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = sqlite.DataSource is "" or ":memory:" ? "PRAGMA foreign_keys=ON;" : Pragmas;
            command.ExecuteNonQuery();
        }
        Prepared.AddOrUpdate(handle, Prepared);
    }
}
