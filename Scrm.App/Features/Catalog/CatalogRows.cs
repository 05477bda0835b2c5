using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Common;

namespace Scrm.App.Features.Catalog;

/// <summary>预制项目: a job we sell at a standard time and labour price.</summary>
public sealed class ServiceItem : IAuditable
{
    public const int CodeMaxLength = 40;
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public int StandardMinutes { get; set; }
    public long LabourPriceFen { get; set; }
}

/// <summary>备件: a part with its cost to us and its list price; <see cref="Compatibility"/> names the models it fits.</summary>
public sealed class Part : IAuditable
{
    public long Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public string Compatibility { get; set; } = "";
    public long CostFen { get; set; }
    public long ListPriceFen { get; set; }
}

public enum WarehouseKind
{
    Region,
    Van,
}

/// <summary>A region's warehouse, or a technician's van (<see cref="TechnicianId"/> set).</summary>
public sealed class Warehouse : IAuditable
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public WarehouseKind Kind { get; set; }
    public long? TechnicianId { get; set; }
}

/// <summary>How many of a part a warehouse holds. Changed only by a conditional UPDATE, so it never goes below zero.</summary>
public sealed class StockLevel : IAuditable
{
    public long Id { get; set; }
    public long WarehouseId { get; set; }
    public long PartId { get; set; }
    public int Quantity { get; set; }
    public int ReorderPoint { get; set; }
}

/// <summary>A task is Open until the warehouse orders the parts, Ordered until it receives them, then Done.</summary>
public enum ReplenishmentStatus
{
    Open,
    Ordered,
    Done,
}

/// <summary>补货任务: opened when a warehouse's stock of a part falls below its reorder point; one open task per warehouse and part.</summary>
public sealed class ReplenishmentTask : IAuditable, IHasDomainEvents
{
    private readonly List<DomainEvent> _events = [];

    public long Id { get; set; }
    public long WarehouseId { get; set; }
    public long PartId { get; set; }
    public string Sku { get; set; } = "";
    public string Region { get; set; } = "";
    public int QuantityAtOpening { get; set; }
    public int ReorderPoint { get; set; }
    public long? TicketId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public ReplenishmentStatus Status { get; set; }
    public int? OrderedQuantity { get; set; }
    public DateTimeOffset? OrderedAt { get; set; }
    public string? OrderedBy { get; set; }
    public int? ReceivedQuantity { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public string? ReceivedBy { get; set; }

    /// <summary>Still needs the warehouse's work: a new task is not opened beside it.</summary>
    public bool IsPending => Status != ReplenishmentStatus.Done;

    public long AggregateKey => Id;
    public IReadOnlyList<DomainEvent> DomainEvents => _events;
    public void ClearDomainEvents() => _events.Clear();
    public void Raise(DomainEvent e) => _events.Add(e);
}

public sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> b)
    {
        b.ToTable("ServiceItems");
        b.HasIndex(i => i.Code).IsUnique();
        b.Property(i => i.Code).HasMaxLength(ServiceItem.CodeMaxLength).IsRequired();
        b.Property(i => i.Name).HasMaxLength(100).IsRequired();
        b.Property(i => i.Category).HasMaxLength(40).IsRequired();
    }
}

public sealed class PartConfiguration : IEntityTypeConfiguration<Part>
{
    public void Configure(EntityTypeBuilder<Part> b)
    {
        b.ToTable("Parts");
        b.HasIndex(p => p.Sku).IsUnique();
        b.Property(p => p.Sku).HasMaxLength(ServiceItem.CodeMaxLength).IsRequired();
        b.Property(p => p.Name).HasMaxLength(100).IsRequired();
        b.Property(p => p.Category).HasMaxLength(40).IsRequired();
        b.Property(p => p.Compatibility).HasMaxLength(300).IsRequired();
    }
}

public sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> b)
    {
        b.ToTable("Warehouses");
        b.Property(w => w.Name).HasMaxLength(100).IsRequired();
        b.Property(w => w.Region).HasMaxLength(20).IsRequired();
        b.Property(w => w.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(w => w.TechnicianId);
    }
}

public sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> b)
    {
        b.ToTable("StockLevels", t => t.HasCheckConstraint("CK_StockLevels_Quantity", "\"Quantity\" >= 0"));
        b.HasIndex(s => new { s.WarehouseId, s.PartId }).IsUnique();
    }
}

public sealed class ReplenishmentTaskConfiguration : IEntityTypeConfiguration<ReplenishmentTask>
{
    public void Configure(EntityTypeBuilder<ReplenishmentTask> b)
    {
        b.ToTable("ReplenishmentTasks");
        b.Property(t => t.Sku).HasMaxLength(ServiceItem.CodeMaxLength).IsRequired();
        b.Property(t => t.Region).HasMaxLength(20).IsRequired();
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.OrderedBy).HasMaxLength(100);
        b.Property(t => t.ReceivedBy).HasMaxLength(100);
        b.Ignore(t => t.IsPending);
        b.Ignore(t => t.DomainEvents);
        b.HasIndex(t => new { t.WarehouseId, t.PartId, t.Status });
    }
}
