using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Data;
using Scrm.Domain.Dashboards;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// One rollup table's deltas for a batch, summed per row key, then written once per row by an upsert that adds them to
/// what is stored (<c>INSERT … ON CONFLICT DO UPDATE SET c = c + excluded.c</c> on SQLite, <c>MERGE</c> on SQL Server).
/// The same code serves every rollup table; only the column lists differ (ADR 0027).
/// </summary>
internal sealed class KpiUpserts
{
    private readonly string _table;
    private readonly string[] _keys;
    private readonly string[] _extras;
    private readonly string[] _sums;
    // For each summed column, its index in the vector Add is given (null: the vector is the columns themselves).
    private readonly int[]? _source;
    private readonly Dictionary<object[], (object[] Extras, long[] Sums)> _rows = new(KeyComparer.Instance);

    private KpiUpserts(string table, string[] keys, string[] sums, int[]? source = null, string[]? extras = null)
    {
        _table = table;
        _keys = keys;
        _sums = sums;
        _source = source;
        _extras = extras ?? [];
    }

    public static KpiUpserts Days() => new("KpiDays", ["Day", "Region", "City", "Type", "Priority", "Team"], [.. KpiTotals.ColumnNames]);

    public static KpiUpserts RegionDays() => new("KpiRegionDays", ["Day", "Region"], [.. KpiTotals.ColumnNames]);

    private static readonly KpiCounter[] PlaceCounters =
    [
        KpiCounter.Created, KpiCounter.Closed, KpiCounter.SlaMeasured, KpiCounter.SlaMet, KpiCounter.FixMeasured, KpiCounter.FirstTimeFixed,
        KpiCounter.RevenueFen, KpiCounter.CostFen,
    ];

    public static KpiUpserts PlaceDays() =>
        new("KpiPlaceDays", ["Day", "Region", "City", "Type"], PlaceCounters.Select(c => c.ToString()).ToArray(), PlaceCounters.Select(c => (int)c).ToArray());

    private static readonly string[] TechnicianSums = TechnicianFigures.Counters.Select(c => c.ToString()).ToArray();
    private static readonly int[] TechnicianSource = TechnicianFigures.Counters.Select(c => (int)c).ToArray();

    /// <summary>Region is written when the row is new and kept otherwise, as the tracked rows did.</summary>
    public static KpiUpserts TechnicianDays() => new("TechnicianKpiDays", ["Day", "TechnicianId"], TechnicianSums, TechnicianSource, ["Region"]);

    public static KpiUpserts TechnicianPlaceDays() =>
        new("TechnicianPlaceDays", ["Day", "TechnicianId", "City", "Type", "Priority"], TechnicianSums, TechnicianSource, ["Region"]);

    public int Count => _rows.Count;

    public void Add(object[] key, long[] values, object[]? extras = null)
    {
        if (!_rows.TryGetValue(key, out var row)) _rows[key] = row = (extras ?? [], new long[_sums.Length]);
        var sums = row.Sums;
        if (_source is null)
            for (var i = 0; i < sums.Length; i++) sums[i] += values[i];
        else
            for (var i = 0; i < sums.Length; i++) sums[i] += values[_source[i]];
    }

    /// <summary>The upsert for one row, as the provider spells it.</summary>
    internal string Sql(bool sqlServer)
    {
        string[] columns = [.. _keys, .. _extras, .. _sums];
        var parameters = columns.Select((_, i) => $"@p{i}").ToArray();
        if (!sqlServer)
            return $"INSERT INTO \"{_table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", parameters)}) " +
                   $"ON CONFLICT ({string.Join(", ", _keys.Select(c => $"\"{c}\""))}) DO UPDATE SET " +
                   string.Join(", ", _sums.Select(c => $"\"{c}\" = \"{c}\" + excluded.\"{c}\""));
        // HOLDLOCK: without it two writers could both find no row and both insert (the write gate serialises ours anyway).
        return $"MERGE [{_table}] WITH (HOLDLOCK) AS t USING (SELECT {string.Join(", ", columns.Select((c, i) => $"{parameters[i]} AS [{c}]"))}) AS s " +
               $"ON {string.Join(" AND ", _keys.Select(c => $"t.[{c}] = s.[{c}]"))} " +
               $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", _sums.Select(c => $"[{c}] = t.[{c}] + s.[{c}]"))} " +
               $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns.Select(c => $"[{c}]"))}) VALUES ({string.Join(", ", columns.Select(c => $"s.[{c}]"))});";
    }

    /// <summary>One prepared statement, executed once per row, on the write path's connection and transaction.</summary>
    public async Task WriteAsync(ScrmDbContext db, CancellationToken ct)
    {
        if (_rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = Sql(db.Database.IsSqlServer());
        var width = _keys.Length + _extras.Length + _sums.Length;
        var parameters = new DbParameter[width];
        for (var i = 0; i < width; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"@p{i}";
            command.Parameters.Add(parameters[i]);
        }
        foreach (var (key, (extras, sums)) in _rows)
        {
            var p = 0;
            foreach (var v in key) parameters[p++].Value = KpiBulk.Storable(command, v);
            foreach (var v in extras) parameters[p++].Value = v is null ? DBNull.Value : KpiBulk.Storable(command, v);
            foreach (var v in sums) parameters[p++].Value = v;
            await command.ExecuteNonQueryAsync(ct);
        }
        _rows.Clear();
    }

    /// <summary>Row keys are short arrays of days, strings and ids: equal when every element is.</summary>
    private sealed class KeyComparer : IEqualityComparer<object[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(object[]? x, object[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Length == y.Length && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(object[] key)
        {
            var hash = new HashCode();
            foreach (var k in key) hash.Add(k);
            return hash.ToHashCode();
        }
    }
}
