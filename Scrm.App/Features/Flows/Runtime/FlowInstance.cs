using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Common;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// Where one ticket is in its flow: the flow and the version it started on (a running ticket never changes version
/// unless an Admin moves it), and the engine's state as JSON (<see cref="Scrm.Domain.Common.DomainJson"/>).
/// </summary>
public sealed class FlowInstance : IAuditable
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public string TemplateKey { get; set; } = "";
    public int FlowVersion { get; set; }
    public string StateJson { get; set; } = "{}";
    public bool Finished { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Concurrency: incremented on every change, so two handlers never overwrite each other's step.</summary>
    public long Version { get; set; }

    public FlowInstanceState State() => DomainJson.Deserialize<FlowInstanceState>(StateJson);

    /// <summary>
    /// Node visits this instance entered in the current write, not saved yet (a field, so not mapped): the node left
    /// next is found here instead of by searching every tracked row.
    /// </summary>
    internal readonly List<FlowNodeVisit> EnteredInThisWrite = [];
}

/// <summary>
/// One stay of a ticket on a node (entered, left): what the bottleneck overlay counts and times. Written from the
/// engine's NodeEntered / NodeLeft effects.
/// </summary>
public sealed class FlowNodeVisit
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public string TemplateKey { get; set; } = "";
    public int FlowVersion { get; set; }
    public string NodeId { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}

public sealed class FlowInstanceConfiguration : IEntityTypeConfiguration<FlowInstance>
{
    public void Configure(EntityTypeBuilder<FlowInstance> b)
    {
        b.ToTable("FlowInstances");
        b.HasIndex(i => i.TicketId).IsUnique();
        b.HasIndex(i => new { i.TemplateKey, i.FlowVersion, i.Finished });
        b.Property(i => i.TemplateKey).HasMaxLength(FlowTemplate.KeyMaxLength).IsRequired();
        b.Property(i => i.StateJson).IsRequired();
        b.Property(i => i.Version).IsConcurrencyToken();
    }
}

public sealed class FlowNodeVisitConfiguration : IEntityTypeConfiguration<FlowNodeVisit>
{
    public void Configure(EntityTypeBuilder<FlowNodeVisit> b)
    {
        b.ToTable("FlowNodeVisits");
        b.Property(v => v.TemplateKey).HasMaxLength(FlowTemplate.KeyMaxLength).IsRequired();
        b.Property(v => v.NodeId).HasMaxLength(100).IsRequired();
        // The overlay reads one flow version's visits per node over a period.
        b.HasIndex(v => new { v.TemplateKey, v.FlowVersion, v.NodeId, v.EnteredAt });
        b.HasIndex(v => new { v.TicketId, v.NodeId });
    }
}
