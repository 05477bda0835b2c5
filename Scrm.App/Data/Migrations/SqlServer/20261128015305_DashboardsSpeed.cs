using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DashboardsSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RatingStars",
                table: "TechnicianKpiDays",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Ratings",
                table: "TechnicianKpiDays",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RatingStars",
                table: "KpiDays",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Ratings",
                table: "KpiDays",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "KpiPlaceDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Region = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    Closed = table.Column<long>(type: "bigint", nullable: false),
                    SlaMeasured = table.Column<long>(type: "bigint", nullable: false),
                    SlaMet = table.Column<long>(type: "bigint", nullable: false),
                    FixMeasured = table.Column<long>(type: "bigint", nullable: false),
                    FirstTimeFixed = table.Column<long>(type: "bigint", nullable: false),
                    RevenueFen = table.Column<long>(type: "bigint", nullable: false),
                    CostFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiPlaceDays", x => new { x.Day, x.Region, x.City, x.Type });
                });

            migrationBuilder.CreateTable(
                name: "KpiRegionDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Region = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    Resolved = table.Column<long>(type: "bigint", nullable: false),
                    Closed = table.Column<long>(type: "bigint", nullable: false),
                    Cancelled = table.Column<long>(type: "bigint", nullable: false),
                    Reopened = table.Column<long>(type: "bigint", nullable: false),
                    OpenDelta = table.Column<long>(type: "bigint", nullable: false),
                    OpenCreatedDays = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseCount = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseMinutes = table.Column<long>(type: "bigint", nullable: false),
                    ArrivalCount = table.Column<long>(type: "bigint", nullable: false),
                    ArrivalMinutes = table.Column<long>(type: "bigint", nullable: false),
                    SlaMeasured = table.Column<long>(type: "bigint", nullable: false),
                    SlaMet = table.Column<long>(type: "bigint", nullable: false),
                    FixMeasured = table.Column<long>(type: "bigint", nullable: false),
                    FirstTimeFixed = table.Column<long>(type: "bigint", nullable: false),
                    RevenueFen = table.Column<long>(type: "bigint", nullable: false),
                    CostFen = table.Column<long>(type: "bigint", nullable: false),
                    Bills = table.Column<long>(type: "bigint", nullable: false),
                    ReachedAssigned = table.Column<long>(type: "bigint", nullable: false),
                    ReachedAccepted = table.Column<long>(type: "bigint", nullable: false),
                    ReachedOnSite = table.Column<long>(type: "bigint", nullable: false),
                    ReachedResolved = table.Column<long>(type: "bigint", nullable: false),
                    ReachedClosed = table.Column<long>(type: "bigint", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false),
                    RatingStars = table.Column<long>(type: "bigint", nullable: false),
                    H00 = table.Column<long>(type: "bigint", nullable: false),
                    H01 = table.Column<long>(type: "bigint", nullable: false),
                    H02 = table.Column<long>(type: "bigint", nullable: false),
                    H03 = table.Column<long>(type: "bigint", nullable: false),
                    H04 = table.Column<long>(type: "bigint", nullable: false),
                    H05 = table.Column<long>(type: "bigint", nullable: false),
                    H06 = table.Column<long>(type: "bigint", nullable: false),
                    H07 = table.Column<long>(type: "bigint", nullable: false),
                    H08 = table.Column<long>(type: "bigint", nullable: false),
                    H09 = table.Column<long>(type: "bigint", nullable: false),
                    H10 = table.Column<long>(type: "bigint", nullable: false),
                    H11 = table.Column<long>(type: "bigint", nullable: false),
                    H12 = table.Column<long>(type: "bigint", nullable: false),
                    H13 = table.Column<long>(type: "bigint", nullable: false),
                    H14 = table.Column<long>(type: "bigint", nullable: false),
                    H15 = table.Column<long>(type: "bigint", nullable: false),
                    H16 = table.Column<long>(type: "bigint", nullable: false),
                    H17 = table.Column<long>(type: "bigint", nullable: false),
                    H18 = table.Column<long>(type: "bigint", nullable: false),
                    H19 = table.Column<long>(type: "bigint", nullable: false),
                    H20 = table.Column<long>(type: "bigint", nullable: false),
                    H21 = table.Column<long>(type: "bigint", nullable: false),
                    H22 = table.Column<long>(type: "bigint", nullable: false),
                    H23 = table.Column<long>(type: "bigint", nullable: false),
                    R00 = table.Column<long>(type: "bigint", nullable: false),
                    R01 = table.Column<long>(type: "bigint", nullable: false),
                    R02 = table.Column<long>(type: "bigint", nullable: false),
                    R03 = table.Column<long>(type: "bigint", nullable: false),
                    R04 = table.Column<long>(type: "bigint", nullable: false),
                    R05 = table.Column<long>(type: "bigint", nullable: false),
                    R06 = table.Column<long>(type: "bigint", nullable: false),
                    R07 = table.Column<long>(type: "bigint", nullable: false),
                    R08 = table.Column<long>(type: "bigint", nullable: false),
                    R09 = table.Column<long>(type: "bigint", nullable: false),
                    R10 = table.Column<long>(type: "bigint", nullable: false),
                    R11 = table.Column<long>(type: "bigint", nullable: false),
                    R12 = table.Column<long>(type: "bigint", nullable: false),
                    R13 = table.Column<long>(type: "bigint", nullable: false),
                    R14 = table.Column<long>(type: "bigint", nullable: false),
                    R15 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiRegionDays", x => new { x.Day, x.Region });
                });

            // Rollups kept before this migration: the coarse tables start as the sums of the fine rows (ADR 0024).
            migrationBuilder.Sql("INSERT INTO KpiRegionDays (Day, Region, Created, Resolved, Closed, Cancelled, Reopened, OpenDelta, OpenCreatedDays, FirstResponseCount, FirstResponseMinutes, ArrivalCount, ArrivalMinutes, SlaMeasured, SlaMet, FixMeasured, FirstTimeFixed, RevenueFen, CostFen, Bills, ReachedAssigned, ReachedAccepted, ReachedOnSite, ReachedResolved, ReachedClosed, Ratings, RatingStars, H00, H01, H02, H03, H04, H05, H06, H07, H08, H09, H10, H11, H12, H13, H14, H15, H16, H17, H18, H19, H20, H21, H22, H23, R00, R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15) SELECT Day, Region, SUM(Created), SUM(Resolved), SUM(Closed), SUM(Cancelled), SUM(Reopened), SUM(OpenDelta), SUM(OpenCreatedDays), SUM(FirstResponseCount), SUM(FirstResponseMinutes), SUM(ArrivalCount), SUM(ArrivalMinutes), SUM(SlaMeasured), SUM(SlaMet), SUM(FixMeasured), SUM(FirstTimeFixed), SUM(RevenueFen), SUM(CostFen), SUM(Bills), SUM(ReachedAssigned), SUM(ReachedAccepted), SUM(ReachedOnSite), SUM(ReachedResolved), SUM(ReachedClosed), SUM(Ratings), SUM(RatingStars), SUM(H00), SUM(H01), SUM(H02), SUM(H03), SUM(H04), SUM(H05), SUM(H06), SUM(H07), SUM(H08), SUM(H09), SUM(H10), SUM(H11), SUM(H12), SUM(H13), SUM(H14), SUM(H15), SUM(H16), SUM(H17), SUM(H18), SUM(H19), SUM(H20), SUM(H21), SUM(H22), SUM(H23), SUM(R00), SUM(R01), SUM(R02), SUM(R03), SUM(R04), SUM(R05), SUM(R06), SUM(R07), SUM(R08), SUM(R09), SUM(R10), SUM(R11), SUM(R12), SUM(R13), SUM(R14), SUM(R15) FROM KpiDays GROUP BY Day, Region");
            migrationBuilder.Sql("INSERT INTO KpiPlaceDays (Day, Region, City, Type, Created, Closed, SlaMeasured, SlaMet, FixMeasured, FirstTimeFixed, RevenueFen, CostFen) SELECT Day, Region, City, Type, SUM(Created), SUM(Closed), SUM(SlaMeasured), SUM(SlaMet), SUM(FixMeasured), SUM(FirstTimeFixed), SUM(RevenueFen), SUM(CostFen) FROM KpiDays GROUP BY Day, Region, City, Type");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KpiPlaceDays");

            migrationBuilder.DropTable(
                name: "KpiRegionDays");

            migrationBuilder.DropColumn(
                name: "RatingStars",
                table: "TechnicianKpiDays");

            migrationBuilder.DropColumn(
                name: "Ratings",
                table: "TechnicianKpiDays");

            migrationBuilder.DropColumn(
                name: "RatingStars",
                table: "KpiDays");

            migrationBuilder.DropColumn(
                name: "Ratings",
                table: "KpiDays");
        }
    }
}
