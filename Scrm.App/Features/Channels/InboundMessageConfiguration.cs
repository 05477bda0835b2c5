using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Customers;

namespace Scrm.App.Features.Channels;

public sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> b)
    {
        b.Property(m => m.Channel).HasMaxLength(InboundMessage.ChannelMaxLength).IsRequired();
        b.Property(m => m.DedupKey).HasMaxLength(InboundMessage.DedupKeyMaxLength).IsRequired();
        b.Property(m => m.Sender).HasMaxLength(InboundMessage.SenderMaxLength).IsRequired();
        b.Property(m => m.Kind).HasMaxLength(InboundMessage.KindMaxLength).IsRequired();
        b.Property(m => m.Body).IsRequired();
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.TicketNumber).HasMaxLength(30);
        b.Property(m => m.Outcome).HasMaxLength(InboundMessage.OutcomeMaxLength);
        // The retry of a message must find the first copy, whoever stored it.
        b.HasIndex(m => new { m.Channel, m.DedupKey }).IsUnique();
        b.HasIndex(m => new { m.Status, m.Id });
    }
}

public sealed class WeComUserLinkConfiguration : IEntityTypeConfiguration<WeComUserLink>
{
    public void Configure(EntityTypeBuilder<WeComUserLink> b)
    {
        b.Property(l => l.WeComUserId).HasMaxLength(WeComUserLink.UserIdMaxLength).IsRequired();
        b.Property(l => l.ContactName).HasMaxLength(Customer.NameMaxLength).IsRequired();
        b.HasIndex(l => l.WeComUserId).IsUnique();
        // No foreign key: customers carry a region filter, and links are read only by the system's inbox worker.
        b.HasIndex(l => l.CustomerId);
    }
}
