using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardsModule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KpiDays",
                columns: table => new
                {
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<long>(type: "INTEGER", nullable: false),
                    Closed = table.Column<long>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<long>(type: "INTEGER", nullable: false),
                    Reopened = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenDelta = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenCreatedDays = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseCount = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseMinutes = table.Column<long>(type: "INTEGER", nullable: false),
                    ArrivalCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ArrivalMinutes = table.Column<long>(type: "INTEGER", nullable: false),
                    SlaMeasured = table.Column<long>(type: "INTEGER", nullable: false),
                    SlaMet = table.Column<long>(type: "INTEGER", nullable: false),
                    FixMeasured = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstTimeFixed = table.Column<long>(type: "INTEGER", nullable: false),
                    RevenueFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CostFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Bills = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedAssigned = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedAccepted = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedOnSite = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedResolved = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedClosed = table.Column<long>(type: "INTEGER", nullable: false),
                    H00 = table.Column<long>(type: "INTEGER", nullable: false),
                    H01 = table.Column<long>(type: "INTEGER", nullable: false),
                    H02 = table.Column<long>(type: "INTEGER", nullable: false),
                    H03 = table.Column<long>(type: "INTEGER", nullable: false),
                    H04 = table.Column<long>(type: "INTEGER", nullable: false),
                    H05 = table.Column<long>(type: "INTEGER", nullable: false),
                    H06 = table.Column<long>(type: "INTEGER", nullable: false),
                    H07 = table.Column<long>(type: "INTEGER", nullable: false),
                    H08 = table.Column<long>(type: "INTEGER", nullable: false),
                    H09 = table.Column<long>(type: "INTEGER", nullable: false),
                    H10 = table.Column<long>(type: "INTEGER", nullable: false),
                    H11 = table.Column<long>(type: "INTEGER", nullable: false),
                    H12 = table.Column<long>(type: "INTEGER", nullable: false),
                    H13 = table.Column<long>(type: "INTEGER", nullable: false),
                    H14 = table.Column<long>(type: "INTEGER", nullable: false),
                    H15 = table.Column<long>(type: "INTEGER", nullable: false),
                    H16 = table.Column<long>(type: "INTEGER", nullable: false),
                    H17 = table.Column<long>(type: "INTEGER", nullable: false),
                    H18 = table.Column<long>(type: "INTEGER", nullable: false),
                    H19 = table.Column<long>(type: "INTEGER", nullable: false),
                    H20 = table.Column<long>(type: "INTEGER", nullable: false),
                    H21 = table.Column<long>(type: "INTEGER", nullable: false),
                    H22 = table.Column<long>(type: "INTEGER", nullable: false),
                    H23 = table.Column<long>(type: "INTEGER", nullable: false),
                    R00 = table.Column<long>(type: "INTEGER", nullable: false),
                    R01 = table.Column<long>(type: "INTEGER", nullable: false),
                    R02 = table.Column<long>(type: "INTEGER", nullable: false),
                    R03 = table.Column<long>(type: "INTEGER", nullable: false),
                    R04 = table.Column<long>(type: "INTEGER", nullable: false),
                    R05 = table.Column<long>(type: "INTEGER", nullable: false),
                    R06 = table.Column<long>(type: "INTEGER", nullable: false),
                    R07 = table.Column<long>(type: "INTEGER", nullable: false),
                    R08 = table.Column<long>(type: "INTEGER", nullable: false),
                    R09 = table.Column<long>(type: "INTEGER", nullable: false),
                    R10 = table.Column<long>(type: "INTEGER", nullable: false),
                    R11 = table.Column<long>(type: "INTEGER", nullable: false),
                    R12 = table.Column<long>(type: "INTEGER", nullable: false),
                    R13 = table.Column<long>(type: "INTEGER", nullable: false),
                    R14 = table.Column<long>(type: "INTEGER", nullable: false),
                    R15 = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiDays", x => new { x.Day, x.Region, x.City, x.Type, x.Priority, x.Team });
                });

            migrationBuilder.CreateTable(
                name: "KpiTickets",
                columns: table => new
                {
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: true),
                    Journey_AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Journey_CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Journey_CreatedDay = table.Column<int>(type: "INTEGER", nullable: false),
                    Journey_EverAssigned = table.Column<bool>(type: "INTEGER", nullable: false),
                    Journey_EverClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Journey_EverResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Journey_OnSiteAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Journey_Reopens = table.Column<int>(type: "INTEGER", nullable: false),
                    Journey_SiteVisits = table.Column<int>(type: "INTEGER", nullable: false),
                    Journey_Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiTickets", x => x.TicketId);
                });

            migrationBuilder.CreateTable(
                name: "TechnicianKpiDays",
                columns: table => new
                {
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Closed = table.Column<long>(type: "INTEGER", nullable: false),
                    FixMeasured = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstTimeFixed = table.Column<long>(type: "INTEGER", nullable: false),
                    SlaMeasured = table.Column<long>(type: "INTEGER", nullable: false),
                    SlaMet = table.Column<long>(type: "INTEGER", nullable: false),
                    RevenueFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechnicianKpiDays", x => new { x.Day, x.TechnicianId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_KpiDays_Region_Day",
                table: "KpiDays",
                columns: new[] { "Region", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KpiDays");

            migrationBuilder.DropTable(
                name: "KpiTickets");

            migrationBuilder.DropTable(
                name: "TechnicianKpiDays");
        }
    }
}
