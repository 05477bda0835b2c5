using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Technicians already on file get the defaults a new one gets: 8 jobs a day, 08:00–20:00 (edited by hand).
            migrationBuilder.AddColumn<string>(
                name: "Certifications",
                table: "Technicians",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "DailyCap",
                table: "Technicians",
                type: "int",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PositionAt",
                table: "Technicians",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServiceCities",
                table: "Technicians",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "ShiftEnd",
                table: "Technicians",
                type: "time",
                nullable: false,
                defaultValue: new TimeOnly(20, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "ShiftStart",
                table: "Technicians",
                type: "time",
                nullable: false,
                defaultValue: new TimeOnly(8, 0, 0));

            migrationBuilder.AddColumn<long>(
                name: "DedicatedTechnicianId",
                table: "Customers",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DispatchPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TicketType = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Region = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Rules = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AutoDispatch = table.Column<bool>(type: "bit", nullable: false),
                    AcceptWithinMinutes = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TechnicianPositions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TechnicianId = table.Column<long>(type: "bigint", nullable: false),
                    Lat = table.Column<double>(type: "float", nullable: false),
                    Lng = table.Column<double>(type: "float", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AccuracyM = table.Column<double>(type: "float", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechnicianPositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TechnicianPositions_Technicians_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "Technicians",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchPolicies_TicketType_Region",
                table: "DispatchPolicies",
                columns: new[] { "TicketType", "Region" },
                unique: true,
                filter: "[TicketType] IS NOT NULL AND [Region] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianPositions_RecordedAt",
                table: "TechnicianPositions",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianPositions_TechnicianId_RecordedAt",
                table: "TechnicianPositions",
                columns: new[] { "TechnicianId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DispatchPolicies");

            migrationBuilder.DropTable(
                name: "TechnicianPositions");

            migrationBuilder.DropColumn(
                name: "Certifications",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "DailyCap",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "PositionAt",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "ServiceCities",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "ShiftEnd",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "ShiftStart",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "DedicatedTechnicianId",
                table: "Customers");
        }
    }
}
