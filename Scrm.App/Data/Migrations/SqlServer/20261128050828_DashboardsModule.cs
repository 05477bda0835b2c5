using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.SqlServer
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
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    TechnicianId = table.Column<long>(type: "bigint", nullable: false),
                    City = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Priority = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Region = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Closed = table.Column<long>(type: "bigint", nullable: false),
                    FixMeasured = table.Column<long>(type: "bigint", nullable: false),
                    FirstTimeFixed = table.Column<long>(type: "bigint", nullable: false),
                    SlaMeasured = table.Column<long>(type: "bigint", nullable: false),
                    SlaMet = table.Column<long>(type: "bigint", nullable: false),
                    RevenueFen = table.Column<long>(type: "bigint", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false),
                    RatingStars = table.Column<long>(type: "bigint", nullable: false)
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
