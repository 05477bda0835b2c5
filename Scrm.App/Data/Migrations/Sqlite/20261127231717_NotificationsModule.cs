using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotificationsModule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerChannelPreferences",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sms = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<bool>(type: "INTEGER", nullable: false),
                    WeCom = table.Column<bool>(type: "INTEGER", nullable: false),
                    Voice = table.Column<bool>(type: "INTEGER", nullable: false),
                    Preferred = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    EmailAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WeComUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerChannelPreferences", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "NotificationDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleKey = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecipientKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecipientKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationInbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DeliveryId = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    NeedsAcknowledgement = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationInbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_DedupKey",
                table: "NotificationDeliveries",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_EventId",
                table: "NotificationDeliveries",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_RecipientKey_Channel_NextAttemptAt",
                table: "NotificationDeliveries",
                columns: new[] { "RecipientKey", "Channel", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_Status_NextAttemptAt",
                table: "NotificationDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationInbox_DeliveryId",
                table: "NotificationInbox",
                column: "DeliveryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationInbox_UserId_ReadAt",
                table: "NotificationInbox",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRules_Event",
                table: "NotificationRules",
                column: "Event");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRules_Key",
                table: "NotificationRules",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerChannelPreferences");

            migrationBuilder.DropTable(
                name: "NotificationDeliveries");

            migrationBuilder.DropTable(
                name: "NotificationInbox");

            migrationBuilder.DropTable(
                name: "NotificationRules");
        }
    }
}
