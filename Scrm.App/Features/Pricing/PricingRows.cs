using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Pricing;

public enum PriceRuleKind
{
    PriceList,
    Tier,
    UrgencyRate,
    Promotion,
    MemberDiscount,
    Coefficient,
    Warranty,
    Threshold,
}

/// <summary>One rule of the price book as an Admin keeps it: the domain's rule record as JSON. <see cref="Region"/> null: nationwide (Admin only).</summary>
public sealed class PriceRuleRow : IAuditable
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public PriceRuleKind Kind { get; set; }
    public string? Region { get; set; }
    public string Json { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long Version { get; set; }
}

public enum QuoteStatus
{
    Draft,
    Accepted,
    Final,
}

/// <summary>
/// A ticket's quote and, once final, its bill (keyed by the ticket). While a draft its lines are priced live from the
/// current price book; finalising copies each priced line into the line rows, so nothing changes it afterwards.
/// </summary>
public sealed class TicketQuote : IAuditable, IHasDomainEvents
{
    private readonly List<DomainEvent> _events = [];

    public long TicketId { get; set; }
    public string Region { get; set; } = "";
    public Urgency Urgency { get; set; }
    public QuoteStatus Status { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedBy { get; set; }
    public DateTimeOffset? FinalisedAt { get; set; }
    public long LabourFen { get; set; }
    public long PartsFen { get; set; }
    public long OtherFen { get; set; }
    public long DiscountFen { get; set; }
    public long TotalFen { get; set; }
    public long CostFen { get; set; }

    /// <summary>Threshold flags at finalising (e.g. GoldServiceChannel), comma separated.</summary>
    public string Flags { get; set; } = "";

    /// <summary>Codes of the thresholds this quote has crossed, comma separated: each raises QuoteThresholdReached once.</summary>
    public string ReachedThresholds { get; set; } = "";

    /// <summary>True when the parts were taken from stock (or the history seed says they were long ago).</summary>
    public bool StockSettled { get; set; }
    public long Version { get; set; }

    public List<QuoteLineRow> Lines { get; set; } = [];

    public long AggregateKey => TicketId;
    public IReadOnlyList<DomainEvent> DomainEvents => _events;
    public void ClearDomainEvents() => _events.Clear();
    public void Raise(DomainEvent e) => _events.Add(e);

    /// <summary>Raises QuoteThresholdReached for each threshold <paramref name="totalFen"/> crosses for the first time on this ticket.</summary>
    public void NoteThresholds(PriceBook book, long totalFen, DateTimeOffset at)
    {
        var reached = ReachedThresholds.Length == 0 ? [] : ReachedThresholds.Split(',');
        var crossed = ThresholdCrossing.Newly(book, totalFen, reached);
        if (crossed.Count == 0) return;
        ReachedThresholds = string.Join(",", reached.Concat(crossed.Select(t => t.Code)));
        foreach (var t in crossed)
            Raise(new QuoteThresholdReached(TicketId, Region, t.Code, t.Flag, t.Description, totalFen) { OccurredAt = at });
    }
}

/// <summary>A line of a quote. The priced columns are filled when the bill becomes final (a draft prices live).</summary>
public sealed class QuoteLineRow : IAuditable
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public string Code { get; set; } = "";
    public LineKind Kind { get; set; }
    public string Category { get; set; } = "";
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; }
    public long? ListPriceFen { get; set; }
    public long UnitCostFen { get; set; }
    public bool UnderWarranty { get; set; }
    public long? PartId { get; set; }
    public string AddedBy { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
    public long? UnitPriceFen { get; set; }
    public long? GrossFen { get; set; }
    public long? DiscountFen { get; set; }
    public long? NetFen { get; set; }
    public string? RulesJson { get; set; }

    public QuoteLineInput ToInput() => new(Code, Kind, Category, Quantity, ListPriceFen, UnderWarranty, Description);
}

/// <summary>A correction to a final bill: a credit (negative) or surcharge; the bill's own lines never change.</summary>
public sealed class BillCreditRow : IAuditable
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public long AmountFen { get; set; }
    public long CostFen { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public sealed class PriceRuleRowConfiguration : IEntityTypeConfiguration<PriceRuleRow>
{
    public void Configure(EntityTypeBuilder<PriceRuleRow> b)
    {
        b.ToTable("PriceRules");
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Code).HasMaxLength(40).IsRequired();
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Region).HasMaxLength(20);
        b.Property(r => r.Json).IsRequired();
        b.Property(r => r.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}

public sealed class TicketQuoteConfiguration : IEntityTypeConfiguration<TicketQuote>
{
    public void Configure(EntityTypeBuilder<TicketQuote> b)
    {
        b.ToTable("TicketQuotes");
        b.HasKey(q => q.TicketId);
        b.Property(q => q.TicketId).ValueGeneratedNever();
        b.Property(q => q.Region).HasMaxLength(20).IsRequired();
        b.Property(q => q.Urgency).HasConversion<string>().HasMaxLength(20);
        b.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(q => q.AcceptedBy).HasMaxLength(100);
        b.Property(q => q.Flags).HasMaxLength(200).IsRequired();
        b.Property(q => q.ReachedThresholds).HasMaxLength(400).IsRequired();
        b.Property(q => q.Version).IsConcurrencyToken();
        b.HasMany(q => q.Lines).WithOne().HasForeignKey(l => l.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(q => q.DomainEvents);
        b.HasIndex(q => new { q.Region, q.Status });
    }
}

public sealed class QuoteLineRowConfiguration : IEntityTypeConfiguration<QuoteLineRow>
{
    public void Configure(EntityTypeBuilder<QuoteLineRow> b)
    {
        b.ToTable("QuoteLines");
        b.Property(l => l.Code).HasMaxLength(40).IsRequired();
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Category).HasMaxLength(40).IsRequired();
        b.Property(l => l.Description).HasMaxLength(200).IsRequired();
        b.Property(l => l.Quantity).HasPrecision(12, 2);
        b.Property(l => l.AddedBy).HasMaxLength(100).IsRequired();
    }
}

public sealed class BillCreditRowConfiguration : IEntityTypeConfiguration<BillCreditRow>
{
    public void Configure(EntityTypeBuilder<BillCreditRow> b)
    {
        b.ToTable("BillCredits");
        b.Property(c => c.Reason).HasMaxLength(200).IsRequired();
        b.Property(c => c.CreatedBy).HasMaxLength(100).IsRequired();
        b.HasIndex(c => c.TicketId);
    }
}
