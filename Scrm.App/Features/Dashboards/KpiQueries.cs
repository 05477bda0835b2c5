using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// The dashboard's one query batch: five reads of the rollups (per day, backlog, per place and type, per technician,
/// technicians per city), never the raw tickets. Views filtered by nothing finer than region read the coarse rollups
/// (<see cref="KpiRegionDay"/>, <see cref="KpiPlaceDay"/>); only city, type, priority or team filters need the fine rows. The SQL is written here rather than in LINQ because each read sums
/// some sixty columns; region isolation is applied here too, since raw SQL bypasses the context's query filters.
/// </summary>
public sealed class KpiQueries(IDbContextFactory<ScrmDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Reads that make up one refresh (for the live-cost check).</summary>
    public const int QueriesPerView = 5;

    private static long _statements;

    /// <summary>SQL statements the dashboards have run since start (the live-cost benchmark counts them).</summary>
    public static long Statements => Interlocked.Read(ref _statements);

    private static Task<DbDataReader> RunAsync(DbCommand command, CancellationToken ct)
    {
        Interlocked.Increment(ref _statements);
        return command.ExecuteReaderAsync(ct);
    }

    private static readonly string SumColumns = string.Join(", ", KpiTotals.ColumnNames.Select(c => $"SUM({c})"));

    public async Task<KpiView> LoadAsync(AccessScope scope, KpiFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        // Opened by hand for the five reads, so closed by hand: a pooled context must not go back to the pool with its
        // connection still open (the group commit swaps connections on the contexts it lends, and refuses an open one).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await LoadAsync(db.Database.GetDbConnection(), scope, filter, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<KpiView> LoadAsync(DbConnection connection, AccessScope scope, KpiFilter filter, CancellationToken ct)
    {
        var previous = filter.Previous;

        var byDay = await DaysAsync(connection, scope, filter, previous.From, ct);
        var backlog = await BacklogAsync(connection, scope, filter, previous.To, ct);
        var places = await PlacesAsync(connection, scope, filter, ct);
        var technicians = await TechniciansAsync(connection, scope, filter, ct);
        var supply = await SupplyAsync(connection, scope, filter, ct);

        var current = KpiTotals.Sum(byDay.Where(d => d.Key >= filter.From).Select(d => d.Value));
        var before = KpiTotals.Sum(byDay.Where(d => d.Key < filter.From).Select(d => d.Value));
        var currentFigures = KpiFigures.From(current, backlog.Current, filter.To);
        var previousFigures = KpiFigures.From(before, backlog.Previous, previous.To);
        return new KpiView(
            filter, currentFigures, previousFigures, KpiTile.Compare(currentFigures, previousFigures),
            Trend(byDay, filter), StageFunnel(current), BusinessFunnel(places), Heatmap(byDay, filter),
            Places(places, supply), Regions(places), technicians, time.GetUtcNow(), QueriesPerView);
    }

    private static IReadOnlyList<KpiTrendPoint> Trend(SortedDictionary<DateOnly, KpiTotals> byDay, KpiFilter filter) =>
        Enumerable.Range(0, filter.Days).Select(i => filter.From.AddDays(i)).Select(day =>
        {
            var t = byDay.GetValueOrDefault(day) ?? new KpiTotals();
            return new KpiTrendPoint(day, t[KpiCounter.Created], t[KpiCounter.Closed], t[KpiCounter.Resolved],
                KpiFigures.Percent(t[KpiCounter.SlaMet], t[KpiCounter.SlaMeasured]));
        }).ToList();

    private static IReadOnlyList<FunnelStage> StageFunnel(KpiTotals t) => FunnelStage.Chain(
    [
        ("Created", t[KpiCounter.Created], null),
        ("Assigned", t[KpiCounter.ReachedAssigned], null),
        ("Accepted", t[KpiCounter.ReachedAccepted], null),
        ("OnSite", t[KpiCounter.ReachedOnSite], null),
        ("Resolved", t[KpiCounter.ReachedResolved], null),
        ("Closed", t[KpiCounter.ReachedClosed], nameof(TicketStatus.Closed)),
    ]);

    private static IReadOnlyList<FunnelStage> BusinessFunnel(IReadOnlyList<PlaceRow> rows) => FunnelStage.Chain(
        KpiTypes.BusinessSteps.Select(s => (s.Key, rows.Where(r => s.Types.Contains(r.Type)).Sum(r => r.Created), (string?)s.Types[0].ToString())));

    /// <summary>Tickets created per weekday (Monday first) × local hour, summed over the period.</summary>
    private static long[,] Heatmap(SortedDictionary<DateOnly, KpiTotals> byDay, KpiFilter filter)
    {
        var cells = new long[7, 24];
        foreach (var (day, t) in byDay.Where(d => d.Key >= filter.From))
        {
            var weekday = ((int)day.DayOfWeek + 6) % 7;
            for (var h = 0; h < 24; h++) cells[weekday, h] += t.CreatedInHour(h);
        }
        return cells;
    }

    private static IReadOnlyList<KpiPlace> Places(IReadOnlyList<PlaceRow> rows, Dictionary<string, int> supply) =>
        rows.GroupBy(r => (r.Region, r.City))
            .Select(g =>
            {
                var city = Scrm.App.Data.Seed.ReferenceData.Cities.FirstOrDefault(c => c.Name == g.Key.City);
                return new KpiPlace(g.Key.Region, g.Key.City, city?.Lat ?? 0, city?.Lng ?? 0, g.Sum(r => r.Created), g.Sum(r => r.Closed),
                    supply.GetValueOrDefault(g.Key.City));
            })
            .Concat(supply.Where(s => rows.All(r => r.City != s.Key)).Select(s =>
            {
                var city = Scrm.App.Data.Seed.ReferenceData.Cities.FirstOrDefault(c => c.Name == s.Key);
                return new KpiPlace(city?.Region ?? "", s.Key, city?.Lat ?? 0, city?.Lng ?? 0, 0, 0, s.Value);
            }))
            .OrderByDescending(p => p.Created).ToList();

    private static IReadOnlyList<KpiRegionRow> Regions(IReadOnlyList<PlaceRow> rows) =>
        rows.GroupBy(r => r.Region).Select(g => new KpiRegionRow(g.Key, g.Sum(r => r.Created), g.Sum(r => r.Closed),
                KpiFigures.Percent(g.Sum(r => r.SlaMet), g.Sum(r => r.SlaMeasured)),
                KpiFigures.Percent(g.Sum(r => r.FirstTimeFixed), g.Sum(r => r.FixMeasured)),
                g.Sum(r => r.RevenueFen), g.Sum(r => r.RevenueFen - r.CostFen)))
            .OrderByDescending(r => r.Created).ToList();

    private static async Task<SortedDictionary<DateOnly, KpiTotals>> DaysAsync(DbConnection connection, AccessScope scope, KpiFilter filter,
        DateOnly from, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var where = Where(command, scope, filter, from, filter.To);
        command.CommandText = $"SELECT Day, {SumColumns} FROM {DayTable(filter)} WHERE {where} GROUP BY Day";
        var result = new SortedDictionary<DateOnly, KpiTotals>();
        await using var reader = await RunAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new long[KpiTotals.Length];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i + 1) ? 0 : reader.GetInt64(i + 1);
            result[KpiBulk.ReadDay(reader, 0)] = new KpiTotals(values);
        }
        return result;
    }

    private static async Task<(Backlog Current, Backlog Previous)> BacklogAsync(DbConnection connection, AccessScope scope, KpiFilter filter,
        DateOnly previousTo, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var where = Where(command, scope, filter, null, filter.To);
        Parameter(command, "@prevTo", previousTo);
        command.CommandText = $"""
            SELECT SUM(OpenDelta), SUM(OpenCreatedDays),
                   SUM(CASE WHEN Day <= @prevTo THEN OpenDelta ELSE 0 END), SUM(CASE WHEN Day <= @prevTo THEN OpenCreatedDays ELSE 0 END)
            FROM {DayTable(filter)} WHERE {where}
            """;
        await using var reader = await RunAsync(command, ct);
        await reader.ReadAsync(ct);
        long At(int i) => reader.IsDBNull(i) ? 0 : reader.GetInt64(i);
        return (new Backlog(At(0), At(1)), new Backlog(At(2), At(3)));
    }

    internal sealed record PlaceRow(string Region, string City, TicketType Type, long Created, long Closed, long SlaMet, long SlaMeasured,
        long FirstTimeFixed, long FixMeasured, long RevenueFen, long CostFen);

    private static async Task<IReadOnlyList<PlaceRow>> PlacesAsync(DbConnection connection, AccessScope scope, KpiFilter filter, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var where = Where(command, scope, filter, filter.From, filter.To);
        command.CommandText = $"""
            SELECT Region, City, Type, SUM(Created), SUM(Closed), SUM(SlaMet), SUM(SlaMeasured), SUM(FirstTimeFixed), SUM(FixMeasured),
                   SUM(RevenueFen), SUM(CostFen)
            FROM {PlaceTable(filter)} WHERE {where} GROUP BY Region, City, Type
            """;
        var rows = new List<PlaceRow>();
        await using var reader = await RunAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            Enum.TryParse<TicketType>(reader.GetString(2), out var type);
            rows.Add(new PlaceRow(reader.GetString(0), reader.GetString(1), type, reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10)));
        }
        return rows;
    }

    /// <summary>
    /// The leaderboard, its rating the customers' mean stars in the period. A city, type or priority filter narrows it
    /// to the tickets of that place, type or priority (the per-place technician days, ADR 0027).
    /// </summary>
    private static async Task<IReadOnlyList<KpiTechnicianRow>> TechniciansAsync(DbConnection connection, AccessScope scope, KpiFilter filter,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var regions = RegionClause(command, scope, filter, "d.Region");
        Parameter(command, "@from", filter.From);
        Parameter(command, "@to", filter.To);
        var narrower = new StringBuilder();
        void Equal(string column, string? value)
        {
            if (value is null) return;
            Parameter(command, "@" + column, value);
            narrower.Append($" AND d.{column} = @{column}");
        }
        Equal("City", filter.City);
        Equal("Type", filter.Type?.ToString());
        Equal("Priority", filter.Priority?.ToString());
        command.CommandText = $"""
            SELECT d.TechnicianId, t.Name, d.Region, SUM(d.Closed), SUM(d.SlaMet), SUM(d.SlaMeasured), SUM(d.FirstTimeFixed), SUM(d.FixMeasured),
                   SUM(d.RevenueFen), SUM(d.Ratings), SUM(d.RatingStars)
            FROM {TechnicianTable(filter)} d JOIN Technicians t ON t.Id = d.TechnicianId
            WHERE d.Day >= @from AND d.Day <= @to{regions}{narrower}
            GROUP BY d.TechnicianId, t.Name, d.Region
            """;
        var rows = new List<KpiTechnicianRow>();
        await using var reader = await RunAsync(command, ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new KpiTechnicianRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                KpiFigures.Percent(reader.GetInt64(4), reader.GetInt64(5)), KpiFigures.Percent(reader.GetInt64(6), reader.GetInt64(7)),
                KpiFigures.Mean(reader.GetInt64(10), reader.GetInt64(9)), reader.GetInt64(8)));
        return rows.OrderByDescending(r => r.Efficiency).ThenBy(r => r.Name).ToList();
    }

    private static async Task<Dictionary<string, int>> SupplyAsync(DbConnection connection, AccessScope scope, KpiFilter filter, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var regions = RegionClause(command, scope, filter, "Region");
        var city = "";
        if (filter.City is { } c)
        {
            Parameter(command, "@city", c);
            city = " AND City = @city";
        }
        command.CommandText = $"SELECT City, COUNT(*) FROM Technicians WHERE 1 = 1{regions}{city} GROUP BY City";
        var supply = new Dictionary<string, int>();
        await using var reader = await RunAsync(command, ct);
        while (await reader.ReadAsync(ct)) supply[reader.GetString(0)] = reader.GetInt32(1);
        return supply;
    }

    /// <summary>Per region and day when nothing finer is filtered (a few thousand rows for two years), else the fine rows.</summary>
    internal static string DayTable(KpiFilter f) =>
        f.City is null && f.Type is null && f.Priority is null && f.Team is null ? "KpiRegionDays" : "KpiDays";

    /// <summary>Per place (region, city, type) and day unless priority or team is filtered, which only the fine rows know.</summary>
    internal static string PlaceTable(KpiFilter f) => f.Priority is null && f.Team is null ? "KpiPlaceDays" : "KpiDays";

    /// <summary>Per technician and day unless city, type or priority is filtered, which only the per-place technician days know.</summary>
    internal static string TechnicianTable(KpiFilter f) =>
        f.City is null && f.Type is null && f.Priority is null ? "TechnicianKpiDays" : "TechnicianPlaceDays";

    private static string Where(DbCommand command, AccessScope scope, KpiFilter filter, DateOnly? from, DateOnly to)
    {
        var sql = new StringBuilder("Day <= @to");
        Parameter(command, "@to", to);
        if (from is { } f)
        {
            Parameter(command, "@from", f);
            sql.Append(" AND Day >= @from");
        }
        sql.Append(RegionClause(command, scope, filter, "Region"));
        void Equal(string column, string? value)
        {
            if (value is null) return;
            Parameter(command, "@" + column, value);
            sql.Append($" AND {column} = @{column}");
        }
        Equal("City", filter.City);
        Equal("Team", filter.Team);
        Equal("Type", filter.Type?.ToString());
        Equal("Priority", filter.Priority?.ToString());
        return sql.ToString();
    }

    /// <summary>The filter's region, else every region the scope may see (all for an admin).</summary>
    private static string RegionClause(DbCommand command, AccessScope scope, KpiFilter filter, string column)
    {
        var regions = filter.Region is { } r ? [r] : scope.AllRegions ? null : scope.Regions.Where(Scrm.Domain.Geo.Regions.All.Contains).ToArray();
        if (regions is null) return "";
        if (regions.Length == 0) return " AND 1 = 0";
        var names = regions.Select((region, i) =>
        {
            Parameter(command, $"@region{i}", region);
            return $"@region{i}";
        });
        return $" AND {column} IN ({string.Join(", ", names)})";
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = KpiBulk.Storable(command, value);
        command.Parameters.Add(p);
    }
}
