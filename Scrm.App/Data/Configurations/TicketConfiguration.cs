using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Data.Configurations;

public sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Number).HasMaxLength(TicketNumber.MaxLength).IsRequired();
        b.HasIndex(t => t.Number).IsUnique();
        b.Property(t => t.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Priority).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Title).HasMaxLength(Ticket.TitleMaxLength).IsRequired();
        b.Property(t => t.FormKey).HasMaxLength(Scrm.Domain.Forms.FormTemplate.KeyMaxLength);
        b.Property(t => t.Description).HasMaxLength(Ticket.DescriptionMaxLength);
        b.Property(t => t.CustomerName).HasMaxLength(Ticket.NameMaxLength).IsRequired();
        b.Property(t => t.SiteAddress).HasMaxLength(Ticket.AddressMaxLength).IsRequired();
        b.Property(t => t.City).HasMaxLength(City.NameMaxLength).IsRequired();
        b.Property(t => t.Region).HasMaxLength(Regions.NameMaxLength).IsRequired();
        b.Property(t => t.AssigneeName).HasMaxLength(Ticket.NameMaxLength);
        b.Property(t => t.UpdatedByName).HasMaxLength(Ticket.NameMaxLength);
        b.Property(t => t.CustomerRatingComment).HasMaxLength(Ticket.CommentMaxLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasMany(t => t.Events).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(t => t.DomainEvents);
        b.HasOne<Scrm.Domain.Customers.Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Scrm.Domain.Dispatch.Technician>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        // The list's usual filters and sorts: region + status, newest first.
        b.HasIndex(t => new { t.Region, t.Status, t.CreatedAt });
        b.HasIndex(t => new { t.Status, t.CreatedAt });
        b.HasIndex(t => new { t.Region, t.CreatedAt });
        b.HasIndex(t => t.CreatedAt);
        b.HasIndex(t => t.AssigneeId);
        b.HasIndex(t => t.CustomerId);
        b.HasOne<Ticket>().WithMany().HasForeignKey(t => t.ParentTicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.ParentTicketId);
    }
}

public sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
        b.Property(e => e.ActorName).HasMaxLength(Ticket.NameMaxLength).IsRequired();
        b.Property(e => e.Field).HasMaxLength(TicketEvent.FieldMaxLength);
        b.Property(e => e.Before).HasMaxLength(TicketEvent.ValueMaxLength);
        b.Property(e => e.After).HasMaxLength(TicketEvent.ValueMaxLength);
        b.Property(e => e.Comment).HasMaxLength(Ticket.CommentMaxLength);
        b.HasIndex(e => new { e.TicketId, e.At });
    }
}
