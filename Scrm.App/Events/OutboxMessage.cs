namespace Scrm.App.Events;

/// <summary>
/// A domain event stored in the same transaction as the change that raised it. The key gives the delivery
/// order: on SQLite the write gate makes key order commit order.
/// </summary>
public sealed class OutboxMessage
{
    public const int TypeMaxLength = 100;

    public long Id { get; set; }
    public Guid EventId { get; set; }
    public string Type { get; set; } = "";
    public long AggregateId { get; set; }
    public long AggregateVersion { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string Payload { get; set; } = "";
}

/// <summary>A handler has handled this event: written in the handler's own transaction, so a redelivery is a no-op.</summary>
public sealed class ProcessedEvent
{
    public const int HandlerMaxLength = 200;

    public string Handler { get; set; } = "";
    public Guid EventId { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>
/// How far a durable handler has got through the outbox, and which app instance may deliver to it now.
/// The lease is taken with an update only one instance can win, so two instances never feed one handler.
/// </summary>
public sealed class HandlerCheckpoint
{
    public string Handler { get; set; } = "";
    public long Position { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}

public enum ParkedEventState { Parked, Resolved }

/// <summary>An event a handler kept failing on: set aside with its error so the handler can go on; an Admin can retry it.</summary>
public sealed class ParkedEvent
{
    public const int ErrorMaxLength = 2000;

    public long Id { get; set; }
    public string Handler { get; set; } = "";
    public long OutboxId { get; set; }
    public Guid EventId { get; set; }
    public string Type { get; set; } = "";
    public int Attempts { get; set; }
    public string Error { get; set; } = "";
    public DateTimeOffset ParkedAt { get; set; }
    public DateTimeOffset? LastTriedAt { get; set; }
    public ParkedEventState State { get; set; }
}
