using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SettlementModule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommissionPlans",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Tiers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionPlans", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "SettlementLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ParentTicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: true),
                    PartnerKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    EventPeriod = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    LateAdjustment = table.Column<bool>(type: "INTEGER", nullable: false),
                    RevenueFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CostFen = table.Column<long>(type: "INTEGER", nullable: false),
                    MarginFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerShareFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerFeeFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SettlementPartners",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cities = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SharePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    PerTicketFeeFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementPartners", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "SettlementPeriodCloses",
                columns: table => new
                {
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementPeriodCloses", x => x.Period);
                });

            migrationBuilder.CreateTable(
                name: "SettlementSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ChildPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SettlementShares",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LineId = table.Column<long>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: true),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CountsAsTicket = table.Column<bool>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettlementShares_SettlementLines_LineId",
                        column: x => x.LineId,
                        principalTable: "SettlementLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SettlementLines_EventId",
                table: "SettlementLines",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SettlementLines_Period_Region",
                table: "SettlementLines",
                columns: new[] { "Period", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_SettlementLines_TicketId",
                table: "SettlementLines",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementShares_LineId",
                table: "SettlementShares",
                column: "LineId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementShares_Period_TechnicianId",
                table: "SettlementShares",
                columns: new[] { "Period", "TechnicianId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommissionPlans");

            migrationBuilder.DropTable(
                name: "SettlementPartners");

            migrationBuilder.DropTable(
                name: "SettlementPeriodCloses");

            migrationBuilder.DropTable(
                name: "SettlementSettings");

            migrationBuilder.DropTable(
                name: "SettlementShares");

            migrationBuilder.DropTable(
                name: "SettlementLines");
        }
    }
}
