using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
