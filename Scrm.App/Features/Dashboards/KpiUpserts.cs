using Scrm.Domain.Dashboards;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// One rollup table: its key, its summed columns (which of the <see cref="KpiTotals"/> vector it keeps) and, for one
/// batch or one rebuild, its rows summed per key in memory. The live handler writes them with one multi-row upsert
/// (<c>INSERT … ON CONFLICT DO UPDATE SET c = c + excluded.c</c> on SQLite, <c>MERGE</c> on SQL Server) naming in its
/// SET list only the columns the batch changed; the rebuild inserts them. One column map per table serves both
/// (ADR 0027, 0031).
/// </summary>
internal sealed class KpiUpserts
{
    // Rows per statement: SQL Server's VALUES takes at most 1,000; smaller statements also keep SQLite's parse short.
    private const int RowsPerStatement = 200;

    private readonly string[] _keys;
    private readonly string[] _extras;
    // For each summed column, its index in the KpiTotals vector.
    private readonly int[] _source;
    private readonly Dictionary<object[], (object[] Extras, long[] Sums)> _rows = new(KeyComparer.Instance);

    private KpiUpserts(string table, string[] keys, KpiCounter[]? counters = null, string[]? extras = null)
    {
        Table = table;
        _keys = keys;
        _extras = extras ?? [];
        _source = counters?.Select(c => (int)c).ToArray() ?? Enumerable.Range(0, KpiTotals.Length).ToArray();
        Sums = _source.Select(i => KpiTotals.ColumnNames[i]).ToArray();
    }

    public static KpiUpserts Days() => new("KpiDays", ["Day", "Region", "City", "Type", "Priority", "Team"]);

    public static KpiUpserts RegionDays() => new("KpiRegionDays", ["Day", "Region"]);

    /// <summary>The few figures the map, the region table and the business funnel read (<see cref="KpiPlaceDay"/>).</summary>
    public static readonly KpiCounter[] PlaceCounters =
    [
        KpiCounter.Created, KpiCounter.Closed, KpiCounter.SlaMeasured, KpiCounter.SlaMet, KpiCounter.FixMeasured, KpiCounter.FirstTimeFixed,
        KpiCounter.RevenueFen, KpiCounter.CostFen,
    ];

    public static KpiUpserts PlaceDays() => new("KpiPlaceDays", ["Day", "Region", "City", "Type"], PlaceCounters);

    /// <summary>Region is written when the row is new and kept otherwise (a technician serves one region).</summary>
    public static KpiUpserts TechnicianDays() => new("TechnicianKpiDays", ["Day", "TechnicianId"], TechnicianFigures.Counters, ["Region"]);

    public static KpiUpserts TechnicianPlaceDays() =>
        new("TechnicianPlaceDays", ["Day", "TechnicianId", "City", "Type", "Priority"], TechnicianFigures.Counters, ["Region"]);

    public string Table { get; }

    /// <summary>The summed columns, in the order of each row's sums.</summary>
    public string[] Sums { get; }

    /// <summary>Every column, in the order of <see cref="Values"/>: keys, extras, sums.</summary>
    public string[] Columns => [.. _keys, .. _extras, .. Sums];

    public int Count => _rows.Count;

    /// <summary>Adds a delta (a whole <see cref="KpiTotals"/> vector) to the row of <paramref name="key"/>; a new row keeps <paramref name="extras"/>.</summary>
    public void Add(object[] key, long[] totals, object[]? extras = null)
    {
        var sums = Row(key, extras);
        for (var i = 0; i < sums.Length; i++) sums[i] += totals[_source[i]];
    }

    /// <summary>The rows as the table stores them: keys, extras, then sums.</summary>
    public IEnumerable<object?[]> Values() =>
        _rows.Select(r => (object?[])[.. r.Key, .. r.Value.Extras, .. r.Value.Sums.Cast<object?>()]);

    /// <summary>Each row's key and its sums in the KpiTotals vector's order (columns the table does not keep are zero).</summary>
    public IEnumerable<(object[] Key, long[] Totals)> Totals() =>
        _rows.Select(r =>
        {
            var totals = new long[KpiTotals.Length];
            for (var i = 0; i < _source.Length; i++) totals[_source[i]] = r.Value.Sums[i];
            return (r.Key, totals);
        });

    private long[] Row(object[] key, object[]? extras)
    {
        if (!_rows.TryGetValue(key, out var row)) _rows[key] = row = (extras ?? [], new long[_source.Length]);
        return row.Sums;
    }

    /// <summary>
    /// Appends the upserts of the rows summed so far and forgets them. Only the columns some row changed are added to
    /// on conflict; a new row gets zeros in the others (they have no default). Rows that sum to nothing are left out.
    /// </summary>
    public void AppendUpserts(KpiSql sql)
    {
        var changed = new bool[_source.Length];
        var rows = new List<(object[] Key, object[] Extras, long[] Sums)>(_rows.Count);
        foreach (var (key, (extras, sums)) in _rows)
        {
            var any = false;
            for (var i = 0; i < sums.Length; i++)
                if (sums[i] != 0) changed[i] = any = true;
            if (any) rows.Add((key, extras, sums));
        }
        _rows.Clear();
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
            AppendStatement(sql, rows.Skip(start).Take(RowsPerStatement).ToList(), changed);
    }

    private void AppendStatement(KpiSql sql, List<(object[] Key, object[] Extras, long[] Sums)> rows, bool[] changed)
    {
        var text = sql.Text;
        var columns = string.Join(", ", Columns.Select(sql.Name));
        text.Append(sql.SqlServer ? $"MERGE {sql.Name(Table)} WITH (HOLDLOCK) AS t USING (VALUES " : $"INSERT INTO {sql.Name(Table)} ({columns}) VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            var (key, extras, sums) = rows[r];
            text.Append(r == 0 ? "(" : ", (");
            var first = true;
            foreach (var v in key) { if (!first) text.Append(", "); first = false; sql.Value(v); }
            foreach (var v in extras) { text.Append(", "); sql.Value(v); }
            foreach (var v in sums) { text.Append(", "); sql.Value(v); }
            text.Append(')');
        }
        var set = string.Join(", ", Sums.Where((_, i) => changed[i]).Select(c => sql.SqlServer
            ? $"{sql.Name(c)} = t.{sql.Name(c)} + s.{sql.Name(c)}"
            : $"{sql.Name(c)} = {sql.Name(c)} + excluded.{sql.Name(c)}"));
        if (!sql.SqlServer)
        {
            text.Append($" ON CONFLICT ({string.Join(", ", _keys.Select(sql.Name))}) DO UPDATE SET {set};\n");
            return;
        }
        // HOLDLOCK: without it two writers could both find no row and both insert (the write gate serialises ours anyway).
        text.Append($") AS s ({columns}) ON {string.Join(" AND ", _keys.Select(c => $"t.{sql.Name(c)} = s.{sql.Name(c)}"))} ")
            .Append($"WHEN MATCHED THEN UPDATE SET {set} ")
            .Append($"WHEN NOT MATCHED THEN INSERT ({columns}) VALUES ({string.Join(", ", Columns.Select(c => $"s.{sql.Name(c)}"))});\n");
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
