using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Tracking;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// A ticket's progress-link secret: the SHA-256 hash to find it by, and the token itself protected with ASP.NET Data
/// Protection, so that staff screens and the API can show the link again (ADR 0012).
/// </summary>
public sealed class TrackingTokenRecord
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public string TokenHash { get; set; } = "";
    public string ProtectedToken { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class TrackingTokenRecordConfiguration : IEntityTypeConfiguration<TrackingTokenRecord>
{
    public void Configure(EntityTypeBuilder<TrackingTokenRecord> b)
    {
        b.ToTable("TrackingTokens");
        b.HasKey(t => t.Id);
        b.Property(t => t.TokenHash).HasMaxLength(TrackingToken.HashLength).IsRequired();
        b.Property(t => t.ProtectedToken).HasMaxLength(1000).IsRequired();
        b.HasIndex(t => t.TokenHash).IsUnique();
        // One link per ticket: the issuer and the backfill both check first, and this makes a race fail loudly.
        b.HasIndex(t => t.TicketId).IsUnique();
        b.HasOne<Scrm.Domain.Tickets.Ticket>().WithMany().HasForeignKey(t => t.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
