using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Files;

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasKey(a => a.Ref);
        b.Property(a => a.Ref).HasMaxLength(Attachment.RefLength);
        b.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        b.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        b.Property(a => a.UploadedById).HasMaxLength(450).IsRequired();
        b.Property(a => a.UploadedByName).HasMaxLength(100).IsRequired();
        b.Property(a => a.TicketId).IsConcurrencyToken();
        b.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.TicketId);
    }
}
