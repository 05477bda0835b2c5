using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Scrm.App.Features.Timers;

/// <summary>
/// Something to do at a stored time (a flow task's time limit, an SLA reminder): fired once by
/// <see cref="TimerWorker"/>, whose handler's change commits with <see cref="FiredAt"/>.
/// </summary>
public sealed class DueTimer
{
    public const int KindMaxLength = 50;
    public const int KeyMaxLength = 200;
    public const int ClaimedByMaxLength = 200;
    public const int ErrorMaxLength = 1000;

    public long Id { get; set; }

    /// <summary>Which <see cref="ITimerHandler"/> fires it ("flow", "sla").</summary>
    public string Kind { get; set; } = "";

    /// <summary>The caller's name for it, unique: scheduling the same key again moves the one timer.</summary>
    public string Key { get; set; } = "";

    public long? TicketId { get; set; }

    /// <summary>Small JSON the handler needs; the rest it reads from the database when it fires.</summary>
    public string Payload { get; set; } = "{}";

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>The worker pass that holds it; cleared when a try fails.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>No worker takes it before this: the holder's lease, or after a failed try the backoff.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Failed tries; at the configured maximum the timer is parked (stays unfired, with its error).</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

public sealed class DueTimerConfiguration : IEntityTypeConfiguration<DueTimer>
{
    /// <summary>Unquoted so that both providers read it; only timers that may still fire are indexed.</summary>
    public const string PendingFilter = "FiredAt IS NULL AND CancelledAt IS NULL";

    public void Configure(EntityTypeBuilder<DueTimer> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Kind).HasMaxLength(DueTimer.KindMaxLength).IsRequired();
        b.Property(t => t.Key).HasMaxLength(DueTimer.KeyMaxLength).IsRequired();
        b.HasIndex(t => t.Key).IsUnique();
        b.Property(t => t.Payload).IsRequired();
        b.Property(t => t.ClaimedBy).HasMaxLength(DueTimer.ClaimedByMaxLength);
        b.Property(t => t.LastError).HasMaxLength(DueTimer.ErrorMaxLength);
        // The worker's two questions: what is due now, and when does the next lease or backoff run out.
        b.HasIndex(t => t.DueAt).HasFilter(PendingFilter).HasDatabaseName("IX_DueTimers_Pending_DueAt");
        b.HasIndex(t => t.ClaimedUntil).HasFilter(PendingFilter).HasDatabaseName("IX_DueTimers_Pending_ClaimedUntil");
        b.HasIndex(t => t.TicketId);
    }
}
