using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "DailyCap",
                table: "Technicians",
                type: "INTEGER",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<long>(
                name: "PositionAt",
                table: "Technicians",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServiceCities",
                table: "Technicians",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "ShiftEnd",
                table: "Technicians",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(20, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "ShiftStart",
                table: "Technicians",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(8, 0, 0));

            migrationBuilder.AddColumn<long>(
                name: "DedicatedTechnicianId",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DispatchPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AutoDispatch = table.Column<bool>(type: "INTEGER", nullable: false),
                    AcceptWithinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TechnicianPositions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: false),
                    Lat = table.Column<double>(type: "REAL", nullable: false),
                    Lng = table.Column<double>(type: "REAL", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AccuracyM = table.Column<double>(type: "REAL", nullable: true)
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
                unique: true);

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
