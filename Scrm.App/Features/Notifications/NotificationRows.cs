using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scrm.Domain.Common;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

/// <summary>A rule as an Admin keeps it: the domain's <see cref="NotificationRule"/> as JSON, with its event for lookup.</summary>
public sealed class NotificationRuleRow : IAuditable
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public NotificationEvent Event { get; set; }
    public string Json { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long Version { get; set; }

    public NotificationRule Rule => DomainJson.Deserialize<NotificationRule>(Json);
}

/// <summary>
/// One message to one address on one channel: the outbox row the delivery worker sends. Written by the notification
/// handler in the transaction that records the event as processed; <see cref="DedupKey"/> is unique.
/// </summary>
public sealed class NotificationDelivery
{
    public const int AddressMaxLength = 200;
    public const int ErrorMaxLength = 1000;

    public long Id { get; set; }
    public string DedupKey { get; set; } = "";
    public Guid EventId { get; set; }
    public string RuleKey { get; set; } = "";
    public long? TicketId { get; set; }
    public string? TicketNumber { get; set; }
    public string Region { get; set; } = "";
    public NotificationChannel Channel { get; set; }
    public RecipientKind RecipientKind { get; set; }
    /// <summary>Who across channels ("customer:7" or a user id): rate limits and acknowledgements go by it.</summary>
    public string RecipientKey { get; set; } = "";
    public string RecipientName { get; set; } = "";
    public string Address { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public bool Urgent { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>Not sent before this: quiet hours, the rate limit or the retry backoff.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>The worker pass that holds the row; a crashed pass's rows are taken again once the lease runs out.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>For voice escalations: someone said "I am on it", which ends the repeat calls.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

/// <summary>An in-app message in one user's inbox (the bell).</summary>
public sealed class InboxItem
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public long DeliveryId { get; set; }
    public Guid EventId { get; set; }
    public long? TicketId { get; set; }
    public string? TicketNumber { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public bool Urgent { get; set; }
    /// <summary>A voice escalation waits for someone to acknowledge it here.</summary>
    public bool NeedsAcknowledgement { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

/// <summary>A customer's subscription: which channels they accept, which they prefer, and the addresses we lack elsewhere.</summary>
public sealed class CustomerChannelPreference : IAuditable
{
    public long CustomerId { get; set; }
    public bool Sms { get; set; } = true;
    public bool Email { get; set; } = true;
    public bool WeCom { get; set; } = true;
    public bool Voice { get; set; }
    public NotificationChannel? Preferred { get; set; }
    public string? EmailAddress { get; set; }
    public string? WeComUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }

    public ChannelPreference ToDomain() => new(Sms, Email, WeCom, Voice, Preferred);
}

public sealed class NotificationRuleRowConfiguration : IEntityTypeConfiguration<NotificationRuleRow>
{
    public void Configure(EntityTypeBuilder<NotificationRuleRow> b)
    {
        b.ToTable("NotificationRules");
        b.HasIndex(r => r.Key).IsUnique();
        b.Property(r => r.Key).HasMaxLength(NotificationRule.KeyMaxLength).IsRequired();
        b.Property(r => r.Event).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(r => r.Event);
        b.Property(r => r.Json).IsRequired();
        b.Property(r => r.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Rule);
    }
}

public sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> b)
    {
        b.ToTable("NotificationDeliveries");
        b.Property(d => d.DedupKey).HasMaxLength(DedupKey.MaxLength).IsRequired();
        b.HasIndex(d => d.DedupKey).IsUnique();
        b.Property(d => d.RuleKey).HasMaxLength(NotificationRule.KeyMaxLength).IsRequired();
        b.Property(d => d.TicketNumber).HasMaxLength(40);
        b.Property(d => d.Region).HasMaxLength(20).IsRequired();
        b.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.RecipientKind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.RecipientKey).HasMaxLength(100).IsRequired();
        b.Property(d => d.RecipientName).HasMaxLength(100).IsRequired();
        b.Property(d => d.Address).HasMaxLength(NotificationDelivery.AddressMaxLength).IsRequired();
        b.Property(d => d.Subject).HasMaxLength(NotificationTemplate.SubjectMaxLength).IsRequired();
        b.Property(d => d.Body).HasMaxLength(NotificationTemplate.BodyMaxLength * 2).IsRequired();
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.ClaimedBy).HasMaxLength(200);
        b.Property(d => d.LastError).HasMaxLength(NotificationDelivery.ErrorMaxLength);
        // The worker's question: which pending rows are due; rate limits ask what a recipient has queued lately.
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.RecipientKey, d.Channel, d.NextAttemptAt });
        b.HasIndex(d => d.EventId);
    }
}

public sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> b)
    {
        b.ToTable("NotificationInbox");
        b.Property(i => i.UserId).HasMaxLength(450).IsRequired();
        b.Property(i => i.TicketNumber).HasMaxLength(40);
        b.Property(i => i.Subject).HasMaxLength(NotificationTemplate.SubjectMaxLength).IsRequired();
        b.Property(i => i.Body).HasMaxLength(NotificationTemplate.BodyMaxLength * 2).IsRequired();
        b.HasIndex(i => new { i.UserId, i.ReadAt });
        b.HasIndex(i => i.DeliveryId).IsUnique();
    }
}

public sealed class CustomerChannelPreferenceConfiguration : IEntityTypeConfiguration<CustomerChannelPreference>
{
    public void Configure(EntityTypeBuilder<CustomerChannelPreference> b)
    {
        b.ToTable("CustomerChannelPreferences");
        b.HasKey(p => p.CustomerId);
        b.Property(p => p.CustomerId).ValueGeneratedNever();
        b.Property(p => p.Preferred).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.EmailAddress).HasMaxLength(200);
        b.Property(p => p.WeComUserId).HasMaxLength(64);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}
