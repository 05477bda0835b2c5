using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DueTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DueTimers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    TicketId = table.Column<long>(type: "bigint", nullable: true),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClaimedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DueTimers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_Key",
                table: "DueTimers",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_Pending_ClaimedUntil",
                table: "DueTimers",
                column: "ClaimedUntil",
                filter: "FiredAt IS NULL AND CancelledAt IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_Pending_DueAt",
                table: "DueTimers",
                column: "DueAt",
                filter: "FiredAt IS NULL AND CancelledAt IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_TicketId",
                table: "DueTimers",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DueTimers");
        }
    }
}
