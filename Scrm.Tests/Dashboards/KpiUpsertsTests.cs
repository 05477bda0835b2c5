using Scrm.App.Features.Dashboards;
using Scrm.Domain.Dashboards;

namespace Scrm.Tests.Dashboards;

/// <summary>The batch's upsert text: what the live rollup handler sends (the property test runs it on SQLite; SQL Server only as text here).</summary>
public sealed class KpiUpsertsSql
{
    private static readonly DateOnly Day = new(2026, 11, 28);

    private static KpiUpserts TwoRowsAndOneThatSumsToNothing()
    {
        var regions = KpiUpserts.RegionDays();
        var created = new KpiTotals();
        created[KpiCounter.Created] = 1;
        created[KpiCounter.OpenDelta] = 1;
        var cancelled = new KpiTotals();
        cancelled[KpiCounter.Cancelled] = 1;
        cancelled[KpiCounter.OpenDelta] = -1;
        regions.Add([Day, "华东"], created.Values);
        regions.Add([Day, "华东"], cancelled.Values);
        regions.Add([Day, "华南"], created.Values);
        regions.Add([Day, "华北"], new KpiTotals().Values);
        return regions;
    }

    [Fact]
    public void OneStatementForTheBatchAddsOnlyTheColumnsItChangedAndLeavesOutRowsOfNothing()
    {
        var sql = new KpiSql(sqlServer: false);

        TwoRowsAndOneThatSumsToNothing().AppendUpserts(sql);

        var text = sql.Text.ToString();
        text.ShouldStartWith("INSERT INTO \"KpiRegionDays\" (");
        text.Split("INSERT INTO").Length.ShouldBe(2);
        // Day number literal, region as a parameter, then the 65 sums: 华东 created 1, cancelled 1, open delta 0.
        text.ShouldContain($"({Day.DayNumber}, @s0, 1, 0, 0, 1, 0, 0,");
        text.ShouldContain($"({Day.DayNumber}, @s1, 1, 0, 0, 0, 0, 1,");
        text.ShouldNotContain("@s2");
        text.ShouldContain("DO UPDATE SET \"Created\" = \"Created\" + excluded.\"Created\", \"Cancelled\" = \"Cancelled\" + excluded.\"Cancelled\", " +
                           "\"OpenDelta\" = \"OpenDelta\" + excluded.\"OpenDelta\";");
        text.ShouldNotContain("\"Closed\" = ");
    }

    [Fact]
    public void SqlServerGetsOneMergeWithADateLiteral()
    {
        var sql = new KpiSql(sqlServer: true);

        TwoRowsAndOneThatSumsToNothing().AppendUpserts(sql);

        var text = sql.Text.ToString();
        text.ShouldStartWith("MERGE [KpiRegionDays] WITH (HOLDLOCK) AS t USING (VALUES ('2026-11-28', @s0, 1, 0, 0, 1,");
        text.ShouldContain("ON t.[Day] = s.[Day] AND t.[Region] = s.[Region] WHEN MATCHED THEN UPDATE SET [Created] = t.[Created] + s.[Created], ");
        text.ShouldContain("WHEN NOT MATCHED THEN INSERT ([Day], [Region], [Created],");
        text.TrimEnd().ShouldEndWith(");");
    }

    [Fact]
    public void NothingChangedWritesNothing()
    {
        var sql = new KpiSql(sqlServer: false);
        var regions = KpiUpserts.RegionDays();
        regions.Add([Day, "华北"], new KpiTotals().Values);

        regions.AppendUpserts(sql);

        sql.IsEmpty.ShouldBeTrue();
    }
}
