using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Customers;
using Scrm.Domain.Geo;

namespace Scrm.App.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        b.Property(c => c.Phone).HasMaxLength(Customer.PhoneMaxLength).IsRequired();
        b.Property(c => c.Industry).HasMaxLength(Customer.IndustryMaxLength);
        b.Property(c => c.Tier).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Region).HasMaxLength(Regions.NameMaxLength).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Contacts).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Sites).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Devices).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Sites).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Devices).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(c => new { c.Region, c.Name });
    }
}

public sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        b.Property(c => c.Phone).HasMaxLength(Customer.PhoneMaxLength).IsRequired();
        b.Property(c => c.Role).HasMaxLength(40);
    }
}

public sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.Property(s => s.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        b.Property(s => s.Address).HasMaxLength(Site.AddressMaxLength).IsRequired();
        b.Property(s => s.City).HasMaxLength(City.NameMaxLength).IsRequired();
        b.Property(s => s.Region).HasMaxLength(Regions.NameMaxLength).IsRequired();
        b.Ignore(s => s.Location);
    }
}

public sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.Property(d => d.Model).HasMaxLength(Device.ModelMaxLength).IsRequired();
        b.Property(d => d.SerialNumber).HasMaxLength(60).IsRequired();
        b.HasOne(d => d.Site).WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.NoAction);
    }
}

public sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> b)
    {
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(City.NameMaxLength);
        b.Property(c => c.Province).HasMaxLength(City.NameMaxLength).IsRequired();
        b.Property(c => c.Region).HasMaxLength(Regions.NameMaxLength).IsRequired();
    }
}
