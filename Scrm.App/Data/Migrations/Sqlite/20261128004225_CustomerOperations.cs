using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scrm.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CustomerRating",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerRatingComment",
                table: "Tickets",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RatedAt",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                table: "Technicians",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "RatingStars",
                table: "Technicians",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "BillCredits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CostFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillCredits", x => x.Id);
                });

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
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "Parts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Compatibility = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CostFen = table.Column<long>(type: "INTEGER", nullable: false),
                    ListPriceFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Parts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PriceRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReplenishmentTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WarehouseId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    QuantityAtOpening = table.Column<int>(type: "INTEGER", nullable: false),
                    ReorderPoint = table.Column<int>(type: "INTEGER", nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplenishmentTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StandardMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LabourPriceFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceItems", x => x.Id);
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
                name: "StockLevels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WarehouseId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartId = table.Column<long>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    ReorderPoint = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockLevels", x => x.Id);
                    table.CheckConstraint("CK_StockLevels_Quantity", "\"Quantity\" >= 0");
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

            migrationBuilder.CreateTable(
                name: "TicketQuotes",
                columns: table => new
                {
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcceptedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FinalisedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LabourFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PartsFen = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherFen = table.Column<long>(type: "INTEGER", nullable: false),
                    DiscountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CostFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Flags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StockSettled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketQuotes", x => x.TicketId);
                });

            migrationBuilder.CreateTable(
                name: "TrackingTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedToken = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackingTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackingTokens_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Warehouses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Warehouses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeComUserLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WeComUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeComUserLinks", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "QuoteLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    ListPriceFen = table.Column<long>(type: "INTEGER", nullable: true),
                    UnitCostFen = table.Column<long>(type: "INTEGER", nullable: false),
                    UnderWarranty = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartId = table.Column<long>(type: "INTEGER", nullable: true),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitPriceFen = table.Column<long>(type: "INTEGER", nullable: true),
                    GrossFen = table.Column<long>(type: "INTEGER", nullable: true),
                    DiscountFen = table.Column<long>(type: "INTEGER", nullable: true),
                    NetFen = table.Column<long>(type: "INTEGER", nullable: true),
                    RulesJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuoteLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuoteLines_TicketQuotes_TicketId",
                        column: x => x.TicketId,
                        principalTable: "TicketQuotes",
                        principalColumn: "TicketId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BillCredits_TicketId",
                table: "BillCredits",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_Channel_DedupKey",
                table: "InboundMessages",
                columns: new[] { "Channel", "DedupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_Status_Id",
                table: "InboundMessages",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_KpiDays_Region_Day",
                table: "KpiDays",
                columns: new[] { "Region", "Day" });

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

            migrationBuilder.CreateIndex(
                name: "IX_Parts_Sku",
                table: "Parts",
                column: "Sku",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriceRules_Code",
                table: "PriceRules",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuoteLines_TicketId",
                table: "QuoteLines",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_ReplenishmentTasks_WarehouseId_PartId_Status",
                table: "ReplenishmentTasks",
                columns: new[] { "WarehouseId", "PartId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_Code",
                table: "ServiceItems",
                column: "Code",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_StockLevels_WarehouseId_PartId",
                table: "StockLevels",
                columns: new[] { "WarehouseId", "PartId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketQuotes_Region_Status",
                table: "TicketQuotes",
                columns: new[] { "Region", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackingTokens_TicketId",
                table: "TrackingTokens",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackingTokens_TokenHash",
                table: "TrackingTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Warehouses_TechnicianId",
                table: "Warehouses",
                column: "TechnicianId");

            migrationBuilder.CreateIndex(
                name: "IX_WeComUserLinks_CustomerId",
                table: "WeComUserLinks",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_WeComUserLinks_WeComUserId",
                table: "WeComUserLinks",
                column: "WeComUserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BillCredits");

            migrationBuilder.DropTable(
                name: "CommissionPlans");

            migrationBuilder.DropTable(
                name: "CustomerChannelPreferences");

            migrationBuilder.DropTable(
                name: "InboundMessages");

            migrationBuilder.DropTable(
                name: "KpiDays");

            migrationBuilder.DropTable(
                name: "KpiTickets");

            migrationBuilder.DropTable(
                name: "NotificationDeliveries");

            migrationBuilder.DropTable(
                name: "NotificationInbox");

            migrationBuilder.DropTable(
                name: "NotificationRules");

            migrationBuilder.DropTable(
                name: "Parts");

            migrationBuilder.DropTable(
                name: "PriceRules");

            migrationBuilder.DropTable(
                name: "QuoteLines");

            migrationBuilder.DropTable(
                name: "ReplenishmentTasks");

            migrationBuilder.DropTable(
                name: "ServiceItems");

            migrationBuilder.DropTable(
                name: "SettlementPartners");

            migrationBuilder.DropTable(
                name: "SettlementPeriodCloses");

            migrationBuilder.DropTable(
                name: "SettlementSettings");

            migrationBuilder.DropTable(
                name: "SettlementShares");

            migrationBuilder.DropTable(
                name: "StockLevels");

            migrationBuilder.DropTable(
                name: "TechnicianKpiDays");

            migrationBuilder.DropTable(
                name: "TrackingTokens");

            migrationBuilder.DropTable(
                name: "Warehouses");

            migrationBuilder.DropTable(
                name: "WeComUserLinks");

            migrationBuilder.DropTable(
                name: "TicketQuotes");

            migrationBuilder.DropTable(
                name: "SettlementLines");

            migrationBuilder.DropColumn(
                name: "CustomerRating",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "CustomerRatingComment",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "RatingStars",
                table: "Technicians");
        }
    }
}
