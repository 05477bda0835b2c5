using Microsoft.Data.Sqlite;
using Scrm.App.Data.Interceptors;

namespace Scrm.Bench.Infrastructure;

/// <summary>Microsoft.Data.Sqlite without EF Core: the baselines' connections.</summary>
internal static class RawSqlite
{
    /// <summary>A connection with the app's own PRAGMAs (WAL, synchronous=NORMAL, busy_timeout=5000, foreign_keys=ON).</summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = SqlitePragmaInterceptor.Pragmas;
        pragmas.ExecuteNonQuery();
        return connection;
    }

    public static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
