using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Flows;
using Scrm.Domain.Geo;

namespace Scrm.App.Data.Configurations;

public sealed class FlowTemplateConfiguration : IEntityTypeConfiguration<FlowTemplate>
{
    public void Configure(EntityTypeBuilder<FlowTemplate> b)
    {
        b.ToTable("FlowTemplates");
        b.Property(t => t.Key).HasMaxLength(FlowTemplate.KeyMaxLength).IsRequired();
        b.Property(t => t.Name).HasMaxLength(FlowTemplate.NameMaxLength).IsRequired();
        b.Property(t => t.NameEn).HasMaxLength(FlowTemplate.NameMaxLength);
        b.Property(t => t.TicketType).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => t.Key).IsUnique();
        // A new ticket looks its flow up by type and region.
        b.HasIndex(t => new { t.TicketType, t.Region });
        b.HasMany(t => t.Versions).WithOne().HasForeignKey("FlowTemplateId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class FlowVersionConfiguration : IEntityTypeConfiguration<FlowVersion>
{
    public void Configure(EntityTypeBuilder<FlowVersion> b)
    {
        b.ToTable("FlowVersions");
        b.Property<long>("FlowTemplateId");
        b.HasIndex("FlowTemplateId", nameof(FlowVersion.Number)).IsUnique();
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        // As the domain wrote it (DomainJson); a published version is never rewritten.
        b.Property(v => v.DefinitionJson).IsRequired();
        b.Property(v => v.CreatedBy).HasMaxLength(100).IsRequired();
        b.Property(v => v.SavedBy).HasMaxLength(100).IsRequired();
        b.Property(v => v.PublishedBy).HasMaxLength(100);
        b.Ignore(v => v.Definition);
    }
}
