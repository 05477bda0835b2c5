using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Scrm.Domain.Customers;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Data;

/// <summary>
/// The one model of Scrm. Each provider has a subclass with its own migration set
/// (<see cref="SqliteScrmDbContext"/>, <see cref="SqlServerScrmDbContext"/>).
/// </summary>
public abstract class ScrmDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    /// <summary>Who is asking; the query filters below show only what this scope may see.</summary>
    public AccessScope Scope { get; set; } = AccessScope.Nobody;

    /// <summary>Bulk demo seeding turns the audit log off; nothing else may.</summary>
    internal bool SuppressAudit { get; set; }

    internal Interceptors.WritePathInterceptor.State WriteState { get; private set; } = new();

    /// <summary>
    /// True on the embedded default. Asked on every save of the write path: EF's IsSqlite() compares the provider's
    /// assembly name, read by reflection each time (~1.5 % of the writer loop).
    /// </summary>
    public bool OnSqlite => this is SqliteScrmDbContext;

    /// <summary>Back to the deny-all default: a pooled context must not carry its last user's scope.</summary>
    internal void ResetAccess()
    {
        Scope = AccessScope.Nobody;
        SuppressAudit = false;
        WriteState = new();
    }

    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Technician> Technicians => Set<Technician>();
    public DbSet<City> Cities => Set<City>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<TicketDaySequence> TicketDaySequences => Set<TicketDaySequence>();
    public DbSet<Events.OutboxMessage> OutboxMessages => Set<Events.OutboxMessage>();
    public DbSet<Events.ProcessedEvent> ProcessedEvents => Set<Events.ProcessedEvent>();
    public DbSet<Events.HandlerCheckpoint> HandlerCheckpoints => Set<Events.HandlerCheckpoint>();
    public DbSet<Events.ParkedEvent> ParkedEvents => Set<Events.ParkedEvent>();
    public DbSet<Features.Dashboards.TicketDayCount> TicketDayCounts => Set<Features.Dashboards.TicketDayCount>();
    public DbSet<Scrm.Domain.Forms.FormTemplate> FormTemplates => Set<Scrm.Domain.Forms.FormTemplate>();
    public DbSet<Scrm.Domain.Flows.FlowTemplate> FlowTemplates => Set<Scrm.Domain.Flows.FlowTemplate>();
    public DbSet<Features.Files.Attachment> Attachments => Set<Features.Files.Attachment>();
    public DbSet<Features.Dispatch.TechnicianPosition> TechnicianPositions => Set<Features.Dispatch.TechnicianPosition>();
    public DbSet<Features.Dispatch.DispatchPolicy> DispatchPolicies => Set<Features.Dispatch.DispatchPolicy>();
    public DbSet<Features.Timers.DueTimer> DueTimers => Set<Features.Timers.DueTimer>();
    public DbSet<Features.Tracking.TrackingTokenRecord> TrackingTokens => Set<Features.Tracking.TrackingTokenRecord>();
    public DbSet<Features.Dashboards.KpiDay> KpiDays => Set<Features.Dashboards.KpiDay>();
    public DbSet<Features.Dashboards.TechnicianKpiDay> TechnicianKpiDays => Set<Features.Dashboards.TechnicianKpiDay>();
    public DbSet<Features.Dashboards.KpiTicket> KpiTickets => Set<Features.Dashboards.KpiTicket>();
    public DbSet<Features.Channels.InboundMessage> InboundMessages => Set<Features.Channels.InboundMessage>();
    public DbSet<Features.Channels.WeComUserLink> WeComUserLinks => Set<Features.Channels.WeComUserLink>();
    public DbSet<Features.Notifications.NotificationRuleRow> NotificationRules => Set<Features.Notifications.NotificationRuleRow>();
    public DbSet<Features.Notifications.NotificationDelivery> NotificationDeliveries => Set<Features.Notifications.NotificationDelivery>();
    public DbSet<Features.Notifications.InboxItem> NotificationInbox => Set<Features.Notifications.InboxItem>();
    public DbSet<Features.Notifications.CustomerChannelPreference> CustomerChannelPreferences => Set<Features.Notifications.CustomerChannelPreference>();
    public DbSet<Features.Settlement.SettlementLine> SettlementLines => Set<Features.Settlement.SettlementLine>();
    public DbSet<Features.Settlement.SettlementShare> SettlementShares => Set<Features.Settlement.SettlementShare>();
    public DbSet<Features.Settlement.SettlementPeriodClose> SettlementPeriodCloses => Set<Features.Settlement.SettlementPeriodClose>();
    public DbSet<Features.Settlement.CommissionPlanRow> CommissionPlans => Set<Features.Settlement.CommissionPlanRow>();
    public DbSet<Features.Settlement.PartnerRow> SettlementPartners => Set<Features.Settlement.PartnerRow>();
    public DbSet<Features.Settlement.SettlementSettingsRow> SettlementSettings => Set<Features.Settlement.SettlementSettingsRow>();
    public DbSet<Features.Catalog.ServiceItem> ServiceItems => Set<Features.Catalog.ServiceItem>();
    public DbSet<Features.Catalog.Part> Parts => Set<Features.Catalog.Part>();
    public DbSet<Features.Catalog.Warehouse> Warehouses => Set<Features.Catalog.Warehouse>();
    public DbSet<Features.Catalog.StockLevel> StockLevels => Set<Features.Catalog.StockLevel>();
    public DbSet<Features.Catalog.ReplenishmentTask> ReplenishmentTasks => Set<Features.Catalog.ReplenishmentTask>();
    public DbSet<Features.Pricing.PriceRuleRow> PriceRules => Set<Features.Pricing.PriceRuleRow>();
    public DbSet<Features.Pricing.TicketQuote> TicketQuotes => Set<Features.Pricing.TicketQuote>();
    public DbSet<Features.Pricing.QuoteLineRow> QuoteLines => Set<Features.Pricing.QuoteLineRow>();
    public DbSet<Features.Pricing.BillCreditRow> BillCredits => Set<Features.Pricing.BillCreditRow>();
    public DbSet<Features.Notifications.NotificationUserSettings> NotificationUserSettings => Set<Features.Notifications.NotificationUserSettings>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApplicationUser>().Property(u => u.DisplayName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.ApplyConfigurationsFromAssembly(typeof(ScrmDbContext).Assembly);
        // Identity's own types cannot carry our marker; who holds which role and region is audited all the same.
        builder.Entity<IdentityUserRole<string>>().HasAnnotation(Interceptors.WritePathInterceptor.AuditedAnnotation, true);
        builder.Entity<IdentityUserClaim<string>>().HasAnnotation(Interceptors.WritePathInterceptor.AuditedAnnotation, true);
        ApplyAccessFilters(builder);
    }

    // Region isolation lives here, in the data layer, so no page or endpoint can forget it. The region list goes to SQLite
    // as one JSON parameter (EF.Parameter) except for tickets: expanded into one parameter per region (EF 10's default)
    // the SQL of a filtered query is generated again on every run, never cached (ADR 0042).
    private void ApplyAccessFilters(ModelBuilder builder)
    {
        // Tickets keep one parameter per region: with the JSON list SQLite planned the ticket list's count and first page
        // worse (list bench, 100,000 tickets: EF's SQL 1 → 11–29 ms p50), which a cached SQL text does not pay back.
        builder.Entity<Ticket>().HasQueryFilter(t =>
            (Scope.AllRegions || Scope.Regions.Contains(t.Region)) &&
            (Scope.TechnicianId == null || t.AssigneeId == Scope.TechnicianId));
        builder.Entity<TicketEvent>().HasQueryFilter(e =>
            Set<Ticket>().Any(t => t.Id == e.TicketId));
        // A chain is one customer with sites in several regions: a region sees it where it has a site (Set<Site>()
        // brings the site filter along), and through the filters below only its own sites and what stands at them.
        builder.Entity<Customer>().HasQueryFilter(c =>
            Scope.TechnicianId == null &&
            (Scope.AllRegions || EF.Parameter(Scope.Regions).Contains(c.Region) || Set<Site>().Any(s => s.CustomerId == c.Id)));
        builder.Entity<Site>().HasQueryFilter(s =>
            Scope.TechnicianId == null && (Scope.AllRegions || EF.Parameter(Scope.Regions).Contains(s.Region)));
        builder.Entity<Device>().HasQueryFilter(d => Set<Site>().Any(s => s.Id == d.SiteId));
        builder.Entity<Contact>().HasQueryFilter(c => Set<Customer>().Any(x => x.Id == c.CustomerId));
        // An upload is its uploader's until a ticket takes it; then it is seen with the ticket.
        builder.Entity<Features.Files.Attachment>().HasQueryFilter(a =>
            a.TicketId == null ? a.UploadedById == Scope.Actor.Id : Set<Ticket>().Any(t => t.Id == a.TicketId));
        builder.Entity<Technician>().HasQueryFilter(t =>
            (Scope.AllRegions || EF.Parameter(Scope.Regions).Contains(t.Region)) &&
            (Scope.TechnicianId == null || t.Id == Scope.TechnicianId));
        // Settlement: a region's money is its own; a technician sees only what was earned on their own work.
        builder.Entity<Features.Settlement.SettlementLine>().HasQueryFilter(l =>
            (Scope.AllRegions || EF.Parameter(Scope.Regions).Contains(l.Region)) &&
            (Scope.TechnicianId == null || l.TechnicianId == Scope.TechnicianId));
        builder.Entity<Features.Settlement.SettlementShare>().HasQueryFilter(x =>
            (Scope.AllRegions || EF.Parameter(Scope.Regions).Contains(x.Region)) &&
            (Scope.TechnicianId == null || x.TechnicianId == Scope.TechnicianId));
    }
}

public sealed class SqliteScrmDbContext(DbContextOptions<SqliteScrmDbContext> options) : ScrmDbContext(options)
{
    // SQLite cannot order or compare DateTimeOffset; we store UTC ticks, which sort like the instants they are.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateOnly>().HaveConversion<DayNumberConverter>();
    }
}

public sealed class SqlServerScrmDbContext(DbContextOptions<SqlServerScrmDbContext> options) : ScrmDbContext(options);
