using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Common;
using Scrm.Domain.Sla;

namespace Scrm.App.Features.Sla;

/// <summary>An SLA policy as an Admin keeps it: the domain's <see cref="SlaPolicy"/> as JSON (<see cref="Scrm.Domain.Common.DomainJson"/>).</summary>
public sealed class SlaPolicyRow : IAuditable, ISlaSettingRow
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Json { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>A business calendar (working hours, holidays, time zone) of a region or the head office, as JSON.</summary>
public sealed class BusinessCalendarRow : IAuditable, ISlaSettingRow
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    /// <summary>Null: the head office's calendar, used where a region has none of its own.</summary>
    public string? Region { get; set; }
    public string Json { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>
/// A ticket's SLA clocks as last computed from its timeline (<see cref="SlaClocks.Compute"/>): the policy chosen, the
/// clocks as JSON, and the few columns lists, the board and the map sort and colour by.
/// </summary>
public sealed class TicketSla
{
    public long TicketId { get; set; }
    public string PolicyKey { get; set; } = "";
    public string ClocksJson { get; set; } = "[]";
    /// <summary>The worst state of its clocks (Breached over Running over Paused over Met).</summary>
    public SlaClockState State { get; set; }
    /// <summary>The earliest due time among running clocks; null when none runs.</summary>
    public DateTimeOffset? NextDueAt { get; set; }
    /// <summary>The earliest breach among its clocks; null when none breached.</summary>
    public DateTimeOffset? BreachedAt { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public long Version { get; set; }
}

public sealed class SlaPolicyRowConfiguration : IEntityTypeConfiguration<SlaPolicyRow>
{
    public void Configure(EntityTypeBuilder<SlaPolicyRow> b)
    {
        b.ToTable("SlaPolicies");
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Key).HasMaxLength(50).IsRequired();
        b.Property(p => p.Json).IsRequired();
        b.Property(p => p.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

public sealed class BusinessCalendarRowConfiguration : IEntityTypeConfiguration<BusinessCalendarRow>
{
    public void Configure(EntityTypeBuilder<BusinessCalendarRow> b)
    {
        b.ToTable("BusinessCalendars");
        b.HasIndex(c => new { c.Key, c.Region }).IsUnique();
        b.Property(c => c.Key).HasMaxLength(50).IsRequired();
        b.Property(c => c.Region).HasMaxLength(Scrm.Domain.Geo.Regions.NameMaxLength);
        b.Property(c => c.Json).IsRequired();
        b.Property(c => c.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

public sealed class TicketSlaConfiguration : IEntityTypeConfiguration<TicketSla>
{
    public void Configure(EntityTypeBuilder<TicketSla> b)
    {
        b.ToTable("TicketSlas");
        b.HasKey(s => s.TicketId);
        b.Property(s => s.TicketId).ValueGeneratedNever();
        b.Property(s => s.PolicyKey).HasMaxLength(50).IsRequired();
        b.Property(s => s.ClocksJson).IsRequired();
        b.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.State, s.NextDueAt });
    }
}
