using System.Data.Common;
using System.Globalization;

namespace Scrm.Tests.Infrastructure;

/// <summary>
/// Plain SQL inside a test's own open transaction, past EF: what a save wrote, read back before the test rolls it back.
/// </summary>
public static class TransactionSql
{
    public static async Task ExecuteAsync(DbTransaction transaction, string sql)
    {
        await using var command = Command(transaction, sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The one number <paramref name="sql"/> returns (a count, a largest key).</summary>
    public static async Task<long> LongAsync(DbTransaction transaction, string sql)
    {
        await using var command = Command(transaction, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every row <paramref name="sql"/> returns, column name to value (null for NULL).</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(DbTransaction transaction, string sql)
    {
        await using var command = Command(transaction, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
