using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scrm.App.Data.Interceptors;

/// <summary>
/// WAL lets readers run beside the one writer; synchronous=NORMAL is the durable-enough pairing for WAL;
/// busy_timeout makes concurrent writers queue instead of failing.
/// Read-only connections are left alone: they cannot switch the journal mode.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        if (sqlite.ConnectionString.Contains("Mode=ReadOnly", StringComparison.OrdinalIgnoreCase)) return;
        using var command = sqlite.CreateCommand();
        command.CommandText = sqlite.DataSource is "" or ":memory:" ? "PRAGMA foreign_keys=ON;" : Pragmas;
        command.ExecuteNonQuery();
    }
}
