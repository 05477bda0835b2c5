using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Dashboards;
using Scrm.Domain.Geo;

namespace Scrm.App.Features.Dashboards;

/// <summary>
/// The daily rollup: one row per business day × region × city × ticket type × priority × team, holding the additive
/// figures of <see cref="KpiTotals"/>. The dashboards read only these (and <see cref="TechnicianKpiDay"/>); raw
/// tickets are read for drill-down only. Team is the region until the model has teams (a technician serves one region).
/// Only views filtered by city, type, priority or team read these: the others read the coarse <see cref="KpiRegionDay"/>
/// and <see cref="KpiPlaceDay"/>, kept beside them from the same deltas (ADR 0024).
/// </summary>
public sealed class KpiDay : KpiColumns
{
    public DateOnly Day { get; set; }
    public string Region { get; set; } = "";
    public string City { get; set; } = "";
    public string Type { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Team { get; set; } = "";
}

/// <summary>
/// The same figures per business day × region only (≈ 2,600 rows for two years of seven regions against ~490,000 fine
/// rows): what the all-region and one-region views sum, so their cost does not grow with the number of tickets.
/// </summary>
public sealed class KpiRegionDay : KpiColumns
{
    public DateOnly Day { get; set; }
    public string Region { get; set; } = "";
}

/// <summary>
/// The few figures the map, the region table and the business funnel need, per day × region × city × type: narrow, so
/// an unfiltered view groups a period by place without reading the sixty-odd columns of the fine rows.
/// </summary>
public sealed class KpiPlaceDay
{
    public DateOnly Day { get; set; }
    public string Region { get; set; } = "";
    public string City { get; set; } = "";
    public string Type { get; set; } = "";
    public long Created { get; set; }
    public long Closed { get; set; }
    public long SlaMeasured { get; set; }
    public long SlaMet { get; set; }
    public long FixMeasured { get; set; }
    public long FirstTimeFixed { get; set; }
    public long RevenueFen { get; set; }
    public long CostFen { get; set; }
}

/// <summary>What the leaderboard ranks a technician by (closed, first-time fixes, SLA, revenue, ratings): all KpiCounters.</summary>
public abstract class TechnicianFigures
{
    public static readonly KpiCounter[] Counters =
    [
        KpiCounter.Closed, KpiCounter.FixMeasured, KpiCounter.FirstTimeFixed, KpiCounter.SlaMeasured, KpiCounter.SlaMet, KpiCounter.RevenueFen,
        KpiCounter.Ratings, KpiCounter.RatingStars,
    ];

    public DateOnly Day { get; set; }
    public long TechnicianId { get; set; }
    /// <summary>The region of the first ticket that counted for the row (a technician serves one region).</summary>
    public string Region { get; set; } = "";
    public long Closed { get; set; }
    public long FixMeasured { get; set; }
    public long FirstTimeFixed { get; set; }
    public long SlaMeasured { get; set; }
    public long SlaMet { get; set; }
    public long RevenueFen { get; set; }
    public long Ratings { get; set; }
    public long RatingStars { get; set; }
}

/// <summary>A technician's day: what the unfiltered leaderboard sums.</summary>
public sealed class TechnicianKpiDay : TechnicianFigures;

/// <summary>
/// A technician's day per city × ticket type × priority of the tickets counted: what the leaderboard sums when a city,
/// type or priority filter is set (ADR 0027). Kept from the same deltas as <see cref="TechnicianKpiDay"/>.
/// </summary>
public sealed class TechnicianPlaceDay : TechnicianFigures
{
    public string City { get; set; } = "";
    public string Type { get; set; } = "";
    public string Priority { get; set; } = "";
}

/// <summary>What the dashboards remember of one ticket between its events: its rollup keys and its <see cref="KpiJourney"/>.</summary>
public sealed class KpiTicket
{
    public long TicketId { get; set; }
    public string Region { get; set; } = "";
    public string City { get; set; } = "";
    public string Type { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Team { get; set; } = "";
    /// <summary>The technician named by the ticket's last counted status move (an assignment alone does not change it).</summary>
    public long? TechnicianId { get; set; }
    public KpiJourney Journey { get; set; } = new();
}

public sealed class KpiDayConfiguration : IEntityTypeConfiguration<KpiDay>
{
    public void Configure(EntityTypeBuilder<KpiDay> b)
    {
        b.HasKey(d => new { d.Day, d.Region, d.City, d.Type, d.Priority, d.Team });
        b.Property(d => d.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(d => d.Team).HasMaxLength(Regions.NameMaxLength);
        b.Property(d => d.City).HasMaxLength(City.NameMaxLength);
        b.Property(d => d.Type).HasMaxLength(30);
        b.Property(d => d.Priority).HasMaxLength(30);
        // A one-region view reads its region's days without walking every region's rows.
        b.HasIndex(d => new { d.Region, d.Day });
    }
}

public sealed class KpiRegionDayConfiguration : IEntityTypeConfiguration<KpiRegionDay>
{
    public void Configure(EntityTypeBuilder<KpiRegionDay> b)
    {
        b.ToTable("KpiRegionDays");
        b.HasKey(d => new { d.Day, d.Region });
        b.Property(d => d.Region).HasMaxLength(Regions.NameMaxLength);
    }
}

public sealed class KpiPlaceDayConfiguration : IEntityTypeConfiguration<KpiPlaceDay>
{
    public void Configure(EntityTypeBuilder<KpiPlaceDay> b)
    {
        b.ToTable("KpiPlaceDays");
        b.HasKey(d => new { d.Day, d.Region, d.City, d.Type });
        b.Property(d => d.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(d => d.City).HasMaxLength(City.NameMaxLength);
        b.Property(d => d.Type).HasMaxLength(30);
    }
}

public sealed class TechnicianKpiDayConfiguration : IEntityTypeConfiguration<TechnicianKpiDay>
{
    public void Configure(EntityTypeBuilder<TechnicianKpiDay> b)
    {
        b.HasKey(d => new { d.Day, d.TechnicianId });
        b.Property(d => d.Region).HasMaxLength(Regions.NameMaxLength);
    }
}

public sealed class TechnicianPlaceDayConfiguration : IEntityTypeConfiguration<TechnicianPlaceDay>
{
    public void Configure(EntityTypeBuilder<TechnicianPlaceDay> b)
    {
        b.ToTable("TechnicianPlaceDays");
        b.HasKey(d => new { d.Day, d.TechnicianId, d.City, d.Type, d.Priority });
        b.Property(d => d.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(d => d.City).HasMaxLength(City.NameMaxLength);
        b.Property(d => d.Type).HasMaxLength(30);
        b.Property(d => d.Priority).HasMaxLength(30);
    }
}

public sealed class KpiTicketConfiguration : IEntityTypeConfiguration<KpiTicket>
{
    public void Configure(EntityTypeBuilder<KpiTicket> b)
    {
        b.HasKey(t => t.TicketId);
        b.Property(t => t.TicketId).ValueGeneratedNever();
        b.Property(t => t.Region).HasMaxLength(Regions.NameMaxLength);
        b.Property(t => t.Team).HasMaxLength(Regions.NameMaxLength);
        b.Property(t => t.City).HasMaxLength(City.NameMaxLength);
        b.Property(t => t.Type).HasMaxLength(30);
        b.Property(t => t.Priority).HasMaxLength(30);
        b.ComplexProperty(t => t.Journey, j => j.Property(x => x.Status).HasConversion<string>().HasMaxLength(30));
    }
}
