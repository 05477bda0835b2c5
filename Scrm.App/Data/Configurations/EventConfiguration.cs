using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.App.Events;

namespace Scrm.App.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.HasIndex(m => m.EventId).IsUnique();
        b.Property(m => m.Type).HasMaxLength(OutboxMessage.TypeMaxLength).IsRequired();
        b.Property(m => m.Payload).IsRequired();
        b.HasIndex(m => new { m.AggregateId, m.AggregateVersion });
    }
}

public sealed class ProcessedEventConfiguration : IEntityTypeConfiguration<ProcessedEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedEvent> b)
    {
        b.HasKey(p => new { p.Handler, p.EventId });
        b.Property(p => p.Handler).HasMaxLength(ProcessedEvent.HandlerMaxLength);
    }
}

public sealed class HandlerCheckpointConfiguration : IEntityTypeConfiguration<HandlerCheckpoint>
{
    public void Configure(EntityTypeBuilder<HandlerCheckpoint> b)
    {
        b.HasKey(c => c.Handler);
        b.Property(c => c.Handler).HasMaxLength(ProcessedEvent.HandlerMaxLength);
        b.Property(c => c.LeaseOwner).HasMaxLength(200);
    }
}

public sealed class ParkedEventConfiguration : IEntityTypeConfiguration<ParkedEvent>
{
    public void Configure(EntityTypeBuilder<ParkedEvent> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Handler).HasMaxLength(ProcessedEvent.HandlerMaxLength).IsRequired();
        b.Property(p => p.Type).HasMaxLength(OutboxMessage.TypeMaxLength).IsRequired();
        b.Property(p => p.Error).HasMaxLength(ParkedEvent.ErrorMaxLength).IsRequired();
        b.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(p => new { p.State, p.Id });
    }
}

public sealed class TicketDayCountConfiguration : IEntityTypeConfiguration<Features.Dashboards.TicketDayCount>
{
    public void Configure(EntityTypeBuilder<Features.Dashboards.TicketDayCount> b)
    {
        b.HasKey(c => new { c.Day, c.Region });
        b.Property(c => c.Region).HasMaxLength(Scrm.Domain.Geo.Regions.NameMaxLength);
    }
}
