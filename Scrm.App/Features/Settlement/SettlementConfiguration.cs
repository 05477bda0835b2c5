using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Geo;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

public sealed class SettlementLineConfiguration : IEntityTypeConfiguration<SettlementLine>
{
    public void Configure(EntityTypeBuilder<SettlementLine> b)
    {
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(l => l.TicketNumber).HasMaxLength(SettlementLine.TicketNumberMaxLength);
        b.Property(l => l.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(l => l.City).HasMaxLength(SettlementLine.CityMaxLength);
        b.Property(l => l.PartnerKey).HasMaxLength(Partner.KeyMaxLength);
        b.Property(l => l.Period).HasMaxLength(SettlementPeriod.TextLength);
        b.Property(l => l.EventPeriod).HasMaxLength(SettlementPeriod.TextLength);
        b.Property(l => l.Reason).HasMaxLength(SettlementLine.ReasonMaxLength);
        b.HasIndex(l => l.EventId).IsUnique();
        b.HasIndex(l => new { l.Period, l.Region });
        // A credit finds its bill, a child ticket its parent's technician.
        b.HasIndex(l => l.TicketId);
    }
}

public sealed class SettlementShareConfiguration : IEntityTypeConfiguration<SettlementShare>
{
    public void Configure(EntityTypeBuilder<SettlementShare> b)
    {
        b.Property(s => s.Party).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.Period).HasMaxLength(SettlementPeriod.TextLength);
        b.Property(s => s.Region).HasMaxLength(Regions.NameMaxLength);
        b.HasOne<SettlementLine>().WithMany(l => l.Shares).HasForeignKey(s => s.LineId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.Period, s.TechnicianId });
    }
}

public sealed class SettlementPeriodCloseConfiguration : IEntityTypeConfiguration<SettlementPeriodClose>
{
    public void Configure(EntityTypeBuilder<SettlementPeriodClose> b)
    {
        b.HasKey(p => p.Period);
        b.Property(p => p.Period).HasMaxLength(SettlementPeriod.TextLength);
        b.Property(p => p.ClosedBy).HasMaxLength(100);
    }
}

public sealed class CommissionPlanRowConfiguration : IEntityTypeConfiguration<CommissionPlanRow>
{
    public void Configure(EntityTypeBuilder<CommissionPlanRow> b)
    {
        b.ToTable("CommissionPlans");
        b.HasKey(p => p.Key);
        b.Property(p => p.Key).HasMaxLength(CommissionPlan.KeyMaxLength);
        b.Property(p => p.Name).HasMaxLength(CommissionPlan.NameMaxLength);
        b.Property(p => p.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(p => p.Basis).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Tiers).HasMaxLength(2000);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

public sealed class PartnerRowConfiguration : IEntityTypeConfiguration<PartnerRow>
{
    public void Configure(EntityTypeBuilder<PartnerRow> b)
    {
        b.ToTable("SettlementPartners");
        b.HasKey(p => p.Key);
        b.Property(p => p.Key).HasMaxLength(Partner.KeyMaxLength);
        b.Property(p => p.Name).HasMaxLength(Partner.NameMaxLength);
        b.Property(p => p.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(p => p.Cities).HasMaxLength(2000);
        b.Property(p => p.SharePercent).HasPrecision(5, 2);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

public sealed class SettlementSettingsRowConfiguration : IEntityTypeConfiguration<SettlementSettingsRow>
{
    public void Configure(EntityTypeBuilder<SettlementSettingsRow> b)
    {
        b.ToTable("SettlementSettings");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.ParentPercent).HasPrecision(5, 2);
        b.Property(p => p.ChildPercent).HasPrecision(5, 2);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}
