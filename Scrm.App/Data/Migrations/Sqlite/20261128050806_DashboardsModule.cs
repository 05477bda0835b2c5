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
                name: "TechnicianPlaceDays",
                columns: table => new
                {
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Closed = table.Column<long>(type: "INTEGER", nullable: false),
                    FixMeasured = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstTimeFixed = table.Column<long>(type: "INTEGER", nullable: false),
                    SlaMeasured = table.Column<long>(type: "INTEGER", nullable: false),
                    SlaMet = table.Column<long>(type: "INTEGER", nullable: false),
                    RevenueFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<long>(type: "INTEGER", nullable: false),
                    RatingStars = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechnicianPlaceDays", x => new { x.Day, x.TechnicianId, x.City, x.Type, x.Priority });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TechnicianPlaceDays");
        }
    }
}
