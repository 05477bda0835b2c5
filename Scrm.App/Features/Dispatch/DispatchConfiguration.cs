using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;

namespace Scrm.App.Features.Dispatch;

public sealed class TechnicianPositionConfiguration : IEntityTypeConfiguration<TechnicianPosition>
{
    public void Configure(EntityTypeBuilder<TechnicianPosition> b)
    {
        b.HasOne<Technician>().WithMany().HasForeignKey(p => p.TechnicianId).OnDelete(DeleteBehavior.Cascade);
        // The day's trail of one technician, and the retention sweep by age.
        b.HasIndex(p => new { p.TechnicianId, p.RecordedAt });
        b.HasIndex(p => p.RecordedAt);
    }
}

public sealed class DispatchPolicyConfiguration : IEntityTypeConfiguration<DispatchPolicy>
{
    public void Configure(EntityTypeBuilder<DispatchPolicy> b)
    {
        b.Property(p => p.TicketType).HasMaxLength(30);
        b.Property(p => p.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(p => p.Rules).HasMaxLength(2000).IsRequired();
        b.Property(p => p.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.TicketType, p.Region }).IsUnique();
    }
}
