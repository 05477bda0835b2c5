using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Scrm.App.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        b.Property(a => a.UserName).HasMaxLength(100).IsRequired();
        b.Property(a => a.Entity).HasMaxLength(60).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.Action).HasMaxLength(10).IsRequired();
        b.HasIndex(a => new { a.Entity, a.EntityId });
        b.HasIndex(a => a.At);
    }
}

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100).IsRequired();
        b.Property(k => k.KeyHash).HasMaxLength(64).IsRequired();
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.Property(k => k.Role).HasMaxLength(30).IsRequired();
        b.Property(k => k.Region).HasMaxLength(20).IsRequired();
    }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(r => r.Caller).HasMaxLength(100).IsRequired();
        b.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength).IsRequired();
        b.HasIndex(r => new { r.Caller, r.Key }).IsUnique();
        b.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
    }
}

public sealed class TicketDaySequenceConfiguration : IEntityTypeConfiguration<TicketDaySequence>
{
    public void Configure(EntityTypeBuilder<TicketDaySequence> b)
    {
        b.HasKey(s => s.Day);
        b.Property(s => s.Day).HasMaxLength(8);
    }
}
