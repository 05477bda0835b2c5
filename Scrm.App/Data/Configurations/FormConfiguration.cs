using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Forms;

namespace Scrm.App.Data.Configurations;

public sealed class FormTemplateConfiguration : IEntityTypeConfiguration<FormTemplate>
{
    public void Configure(EntityTypeBuilder<FormTemplate> b)
    {
        b.Property(t => t.Key).HasMaxLength(FormTemplate.KeyMaxLength).IsRequired();
        b.Property(t => t.NameZh).HasMaxLength(FormTemplate.NameMaxLength).IsRequired();
        b.Property(t => t.NameEn).HasMaxLength(FormTemplate.NameMaxLength);
        b.Property(t => t.TicketType).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Region).HasMaxLength(20);
        b.HasIndex(t => new { t.Key, t.Region }).IsUnique();
        // NULLs are distinct in a unique index: the head-office template needs one of its own.
        b.HasIndex(t => t.Key).IsUnique().HasFilter("\"Region\" IS NULL").HasDatabaseName("IX_FormTemplates_Key_HeadOffice");
        b.HasMany(t => t.Versions).WithOne().HasForeignKey("FormTemplateId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersion>
{
    // The schema is stored as the domain writes it (enums as names, rules with their "kind"); a published version
    // is never rewritten, so old tickets read exactly what they were created with.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<FormVersion> b)
    {
        b.ToTable("FormVersions");
        b.Property<long>("FormTemplateId");
        b.HasIndex("FormTemplateId", nameof(FormVersion.Number)).IsUnique();
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        b.Property<List<FormField>>("_fields").HasColumnName("Fields").IsRequired()
            .HasConversion(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<List<FormField>>(s, Json) ?? new List<FormField>(),
                new ValueComparer<List<FormField>>((a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
                    v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal), v => v.ToList()));
        b.Property<List<string>>("_hiddenKeys").HasColumnName("HiddenKeys").IsRequired()
            .HasConversion(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<List<string>>(s, Json) ?? new List<string>(),
                new ValueComparer<List<string>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()));
        b.Ignore(v => v.Fields);
        b.Ignore(v => v.HiddenKeys);
        b.Ignore(v => v.Definition);
    }
}
