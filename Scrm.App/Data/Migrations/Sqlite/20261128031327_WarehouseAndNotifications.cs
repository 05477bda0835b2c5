using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WarehouseAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReachedThresholds",
                table: "TicketQuotes",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "OrderedAt",
                table: "ReplenishmentTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrderedBy",
                table: "ReplenishmentTasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OrderedQuantity",
                table: "ReplenishmentTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReceivedAt",
                table: "ReplenishmentTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceivedBy",
                table: "ReplenishmentTasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReceivedQuantity",
                table: "ReplenishmentTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NotificationUserSettings",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MuteToasts = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationUserSettings", x => x.UserId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotificationUserSettings");

            migrationBuilder.DropColumn(
                name: "ReachedThresholds",
                table: "TicketQuotes");

            migrationBuilder.DropColumn(
                name: "OrderedAt",
                table: "ReplenishmentTasks");

            migrationBuilder.DropColumn(
                name: "OrderedBy",
                table: "ReplenishmentTasks");

            migrationBuilder.DropColumn(
                name: "OrderedQuantity",
                table: "ReplenishmentTasks");

            migrationBuilder.DropColumn(
                name: "ReceivedAt",
                table: "ReplenishmentTasks");

            migrationBuilder.DropColumn(
                name: "ReceivedBy",
                table: "ReplenishmentTasks");

            migrationBuilder.DropColumn(
                name: "ReceivedQuantity",
                table: "ReplenishmentTasks");
        }
    }
}
