namespace Scrm.App.Features.Dashboards;

// Generated from KpiTotals.ColumnNames (same order; KpiColumnsTests checks it): rollups are summed column by column,
// so each figure needs a column of its own. Counters first, then H00–H23 (tickets created per local hour), then
// R00–R15 (resolution-time histogram buckets). Shared by the fine day rows and the per-region day rows.
public abstract class KpiColumns
{
    public long Created { get; set; }
    public long Resolved { get; set; }
    public long Closed { get; set; }
    public long Cancelled { get; set; }
    public long Reopened { get; set; }
    public long OpenDelta { get; set; }
    public long OpenCreatedDays { get; set; }
    public long FirstResponseCount { get; set; }
    public long FirstResponseMinutes { get; set; }
    public long ArrivalCount { get; set; }
    public long ArrivalMinutes { get; set; }
    public long SlaMeasured { get; set; }
    public long SlaMet { get; set; }
    public long FixMeasured { get; set; }
    public long FirstTimeFixed { get; set; }
    public long RevenueFen { get; set; }
    public long CostFen { get; set; }
    public long Bills { get; set; }
    public long ReachedAssigned { get; set; }
    public long ReachedAccepted { get; set; }
    public long ReachedOnSite { get; set; }
    public long ReachedResolved { get; set; }
    public long ReachedClosed { get; set; }
    public long Ratings { get; set; }
    public long RatingStars { get; set; }
    public long H00 { get; set; }
    public long H01 { get; set; }
    public long H02 { get; set; }
    public long H03 { get; set; }
    public long H04 { get; set; }
    public long H05 { get; set; }
    public long H06 { get; set; }
    public long H07 { get; set; }
    public long H08 { get; set; }
    public long H09 { get; set; }
    public long H10 { get; set; }
    public long H11 { get; set; }
    public long H12 { get; set; }
    public long H13 { get; set; }
    public long H14 { get; set; }
    public long H15 { get; set; }
    public long H16 { get; set; }
    public long H17 { get; set; }
    public long H18 { get; set; }
    public long H19 { get; set; }
    public long H20 { get; set; }
    public long H21 { get; set; }
    public long H22 { get; set; }
    public long H23 { get; set; }
    public long R00 { get; set; }
    public long R01 { get; set; }
    public long R02 { get; set; }
    public long R03 { get; set; }
    public long R04 { get; set; }
    public long R05 { get; set; }
    public long R06 { get; set; }
    public long R07 { get; set; }
    public long R08 { get; set; }
    public long R09 { get; set; }
    public long R10 { get; set; }
    public long R11 { get; set; }
    public long R12 { get; set; }
    public long R13 { get; set; }
    public long R14 { get; set; }
    public long R15 { get; set; }

    /// <summary>Adds a delta's figures to this row.</summary>
    public void Add(Scrm.Domain.Dashboards.KpiTotals totals)
    {
        var v = totals.Values;
        Created += v[0];
        Resolved += v[1];
        Closed += v[2];
        Cancelled += v[3];
        Reopened += v[4];
        OpenDelta += v[5];
        OpenCreatedDays += v[6];
        FirstResponseCount += v[7];
        FirstResponseMinutes += v[8];
        ArrivalCount += v[9];
        ArrivalMinutes += v[10];
        SlaMeasured += v[11];
        SlaMet += v[12];
        FixMeasured += v[13];
        FirstTimeFixed += v[14];
        RevenueFen += v[15];
        CostFen += v[16];
        Bills += v[17];
        ReachedAssigned += v[18];
        ReachedAccepted += v[19];
        ReachedOnSite += v[20];
        ReachedResolved += v[21];
        ReachedClosed += v[22];
        Ratings += v[23];
        RatingStars += v[24];
        H00 += v[25];
        H01 += v[26];
        H02 += v[27];
        H03 += v[28];
        H04 += v[29];
        H05 += v[30];
        H06 += v[31];
        H07 += v[32];
        H08 += v[33];
        H09 += v[34];
        H10 += v[35];
        H11 += v[36];
        H12 += v[37];
        H13 += v[38];
        H14 += v[39];
        H15 += v[40];
        H16 += v[41];
        H17 += v[42];
        H18 += v[43];
        H19 += v[44];
        H20 += v[45];
        H21 += v[46];
        H22 += v[47];
        H23 += v[48];
        R00 += v[49];
        R01 += v[50];
        R02 += v[51];
        R03 += v[52];
        R04 += v[53];
        R05 += v[54];
        R06 += v[55];
        R07 += v[56];
        R08 += v[57];
        R09 += v[58];
        R10 += v[59];
        R11 += v[60];
        R12 += v[61];
        R13 += v[62];
        R14 += v[63];
        R15 += v[64];
    }

    public Scrm.Domain.Dashboards.KpiTotals ToTotals() => new([
        Created,
        Resolved,
        Closed,
        Cancelled,
        Reopened,
        OpenDelta,
        OpenCreatedDays,
        FirstResponseCount,
        FirstResponseMinutes,
        ArrivalCount,
        ArrivalMinutes,
        SlaMeasured,
        SlaMet,
        FixMeasured,
        FirstTimeFixed,
        RevenueFen,
        CostFen,
        Bills,
        ReachedAssigned,
        ReachedAccepted,
        ReachedOnSite,
        ReachedResolved,
        ReachedClosed,
        Ratings,
        RatingStars,
        H00,
        H01,
        H02,
        H03,
        H04,
        H05,
        H06,
        H07,
        H08,
        H09,
        H10,
        H11,
        H12,
        H13,
        H14,
        H15,
        H16,
        H17,
        H18,
        H19,
        H20,
        H21,
        H22,
        H23,
        R00,
        R01,
        R02,
        R03,
        R04,
        R05,
        R06,
        R07,
        R08,
        R09,
        R10,
        R11,
        R12,
        R13,
        R14,
        R15,
    ]);
}
