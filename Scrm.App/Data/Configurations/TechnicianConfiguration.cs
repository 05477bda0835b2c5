using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;

namespace Scrm.App.Data.Configurations;

public sealed class TechnicianConfiguration : IEntityTypeConfiguration<Technician>
{
    public void Configure(EntityTypeBuilder<Technician> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.Property(t => t.Phone).HasMaxLength(30).IsRequired();
        b.Property(t => t.City).HasMaxLength(City.NameMaxLength).IsRequired();
        b.Property(t => t.Region).HasMaxLength(Regions.NameMaxLength).IsRequired();
        b.Property(t => t.Level).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.UserId).HasMaxLength(450);
        b.HasIndex(t => t.UserId);
        b.HasIndex(t => t.Region);
        b.HasMany(t => t.Skills).WithOne().HasForeignKey(s => s.TechnicianId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Skills).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Short lists read and written whole: JSON columns (EF primitive collections).
        b.PrimitiveCollection(t => t.Certifications).HasMaxLength(500);
        b.PrimitiveCollection(t => t.ServiceCities).HasMaxLength(500);
        b.Ignore(t => t.DomainEvents);
    }
}

public sealed class TechnicianSkillConfiguration : IEntityTypeConfiguration<TechnicianSkill>
{
    public void Configure(EntityTypeBuilder<TechnicianSkill> b) =>
        b.Property(s => s.Skill).HasMaxLength(40).IsRequired();
}
