using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Settlement;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Settlement;

namespace Scrm.Bench.Settlement;

/// <summary>
/// A month of settlement lines for 200 technicians and 50,000 tickets (a tenth in two partner cities, one in twenty a
/// pipeline child, one in fifty credited) in SQLite; then the app's own statement (every commission by its plan's
/// tiers, every partner statement, the per-ticket list) beside a raw GROUP BY sum over the same rows.
/// </summary>
internal static class SettlementScenario
{
    public const double TargetSeconds = 5;
    private static readonly SettlementPeriod Month = new(2026, 10);

    public static async Task RunAsync(BenchOptions options)
    {
        var technicians = options.Int("technicians", 200);
        var tickets = options.Int("tickets", 50_000);
        var runs = options.Int("runs", 3);
        Table.Machine("settlement");
        await using var app = BenchApp.Start("settlement", new Dictionary<string, string> { ["Demo:Seed"] = "false" });
        var fill = Stopwatch.StartNew();
        var (lines, shares) = await PrefillAsync(app.ConnectionString, technicians, tickets);
        Console.WriteLine($"{lines:N0} lines and {shares:N0} shares for {Month} written in {fill.Elapsed.TotalSeconds:0.0} s; database {app.DatabasePath}");

        var queries = app.Services.GetRequiredService<SettlementQueries>();
        var excel = app.Services.GetRequiredService<SettlementExcel>();
        SettlementStatement statement = await queries.StatementAsync(AccessScope.System, Month);  // warm-up
        var app_ = new List<double>();
        var raw = new List<double>();
        var export = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            statement = await queries.StatementAsync(AccessScope.System, Month);
            app_.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            started = Stopwatch.GetTimestamp();
            excel.Statement(statement);
            export.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            raw.Add(await RawGroupByAsync(app.ConnectionString));
        }
        var median = Median(app_);
        Table.Print($"Monthly settlement of {Month}: {technicians} technicians, {tickets:N0} tickets ({lines:N0} lines, {shares:N0} shares), median of {runs}",
            ["path", "seconds (median)", "min", "max", "commissions", "partners", "tickets"],
        [
            ["SettlementQueries.StatementAsync (EF read + domain tiers + statements)", Table.N(median, "0.000"), Table.N(app_.Min(), "0.000"),
                Table.N(app_.Max(), "0.000"), Table.N(statement.Commissions.Count), Table.N(statement.Partners.Count), Table.N(statement.Tickets.Count)],
            ["Excel statement of it (ClosedXML)", Table.N(Median(export), "0.000"), Table.N(export.Min(), "0.000"), Table.N(export.Max(), "0.000"), "-", "-", "-"],
            ["raw SQLite GROUP BY sums over the same rows (baseline)", Table.N(Median(raw), "0.000"), Table.N(raw.Min(), "0.000"), Table.N(raw.Max(), "0.000"), "-", "-", "-"],
        ]);
        Console.WriteLine($"Target: monthly settlement ≤ {TargetSeconds:0} s: {(median <= TargetSeconds ? "met" : "MISSED")}.");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Lines and shares as the recorder stores them, written in one raw transaction.</summary>
    private static async Task<(int Lines, int Shares)> PrefillAsync(string connectionString, int technicians, int tickets)
    {
        string[] regions = ["华东", "华南", "华北", "西南"];
        string[][] cities = [["上海", "杭州", "南京"], ["广州", "深圳"], ["北京", "天津"], ["成都", "重庆", "昆明"]];
        var random = new Random(10);
        var start = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(8));
        await using var connection = RawSqlite.Open(connectionString);
        await using var tx = connection.BeginTransaction();
        var line = Command(connection, tx, """
            INSERT INTO SettlementLines (EventId, Kind, TicketId, TicketNumber, ParentTicketId, Region, City, TechnicianId, PartnerKey, Period, EventPeriod,
              LateAdjustment, RevenueFen, CostFen, MarginFen, PartnerShareFen, PartnerFeeFen, Reason, OccurredAt, RecordedAt)
            VALUES ($event, $kind, $ticket, $number, $parent, $region, $city, $tech, $partner, $period, $period, 0, $revenue, $cost, $margin, $pshare, $pfee,
              NULL, $at, $at) RETURNING Id
            """, "$event", "$kind", "$ticket", "$number", "$parent", "$region", "$city", "$tech", "$partner", "$period", "$revenue", "$cost", "$margin",
            "$pshare", "$pfee", "$at");
        var share = Command(connection, tx, """
            INSERT INTO SettlementShares (LineId, Period, Region, Party, TicketId, TechnicianId, AmountFen, CountsAsTicket, OccurredAt)
            VALUES ($line, $period, $region, $party, $ticket, $tech, $amount, $counts, $at)
            """, "$line", "$period", "$region", "$party", "$ticket", "$tech", "$amount", "$counts", "$at");
        int lines = 0, shareCount = 0;
        var partners = new Dictionary<string, (string Key, decimal Share, long Fee)>
        {
            ["成都"] = ("chengdu-rongcheng", 70m, 2_000), ["重庆"] = ("chongqing-shancheng", 65m, 0),
        };
        async Task<long> AddLineAsync(string kind, long ticket, long? parent, int region, string city, long tech, long revenue, long cost, DateTimeOffset at)
        {
            var partner = partners.TryGetValue(city, out var p) ? p : default;
            Set(line, Guid.NewGuid().ToString().ToUpperInvariant(), kind, ticket, $"GD-{ticket}", (object?)parent ?? DBNull.Value, regions[region], city, tech,
                (object?)partner.Key ?? DBNull.Value, Month.ToString(), revenue, cost, revenue - cost,
                partner.Key is null ? 0 : Fen.Percent(revenue, partner.Share), partner.Key is null || kind != "Bill" ? 0 : partner.Fee, at.UtcTicks);
            lines++;
            return (long)(await line.ExecuteScalarAsync())!;
        }
        async Task AddShareAsync(long lineId, int region, string party, long ticket, long tech, long amount, bool counts, DateTimeOffset at)
        {
            Set(share, lineId, Month.ToString(), regions[region], party, ticket, tech, amount, counts ? 1 : 0, at.UtcTicks);
            shareCount++;
            await share.ExecuteNonQueryAsync();
        }
        for (var t = 1; t <= tickets; t++)
        {
            var tech = random.Next(1, technicians + 1);
            var region = tech % regions.Length;
            var city = cities[region][random.Next(cities[region].Length)];
            var at = start.AddMinutes(random.Next(0, 29 * 24 * 60));
            var revenue = random.Next(8_000, 600_000);
            var cost = revenue * random.Next(40, 85) / 100;
            long? parent = t > 100 && t % 20 == 0 ? t - random.Next(1, 100) : null;
            var id = await AddLineAsync("Bill", t, parent, region, city, tech, revenue, cost, at);
            if (parent is { } pt)
            {
                var parts = Fen.SplitLargestRemainder(revenue, [60m, 40m]);
                await AddShareAsync(id, region, "Parent", pt, (pt * 7919) % technicians + 1, parts[0], false, at);
                await AddShareAsync(id, region, "Child", t, tech, parts[1], true, at);
            }
            else await AddShareAsync(id, region, "Whole", t, tech, revenue, true, at);
            if (t % 50 == 0)
            {
                var credit = -revenue / 10;
                var creditId = await AddLineAsync("Credit", t, null, region, city, tech, credit, 0, at.AddDays(1));
                await AddShareAsync(creditId, region, "Whole", t, tech, credit, false, at.AddDays(1));
            }
        }
        await tx.CommitAsync();
        return (lines, shareCount);
    }

    private static async Task<double> RawGroupByAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        var started = Stopwatch.GetTimestamp();
        foreach (var sql in new[]
        {
            "SELECT TechnicianId, SUM(CountsAsTicket), SUM(AmountFen) FROM SettlementShares WHERE Period = $p AND TechnicianId IS NOT NULL GROUP BY TechnicianId",
            "SELECT PartnerKey, SUM(Kind = 'Bill'), SUM(RevenueFen), SUM(PartnerShareFen), SUM(PartnerFeeFen) FROM SettlementLines WHERE Period = $p AND PartnerKey IS NOT NULL GROUP BY PartnerKey",
            "SELECT TicketId, SUM(RevenueFen), SUM(CostFen) FROM SettlementLines WHERE Period = $p GROUP BY TicketId",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", Month.ToString());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) _ = reader.GetValue(1);
        }
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }
}
