namespace Scrm.Domain.Common;

/// <summary>
/// Something that happened to an aggregate, for code to react to (the timeline is the record for people).
/// Serialisable: it travels through the outbox and may cross processes later.
/// </summary>
public abstract record DomainEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>The aggregate's key; 0 on an aggregate not saved yet, filled in when the outbox stores the event.</summary>
    public long AggregateId { get; init; }

    /// <summary>The aggregate's version right after the change.</summary>
    public long AggregateVersion { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>An aggregate that collects the events its methods raise until the write path stores them.</summary>
public interface IHasDomainEvents
{
    long AggregateKey { get; }

    IReadOnlyList<DomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

/// <summary>Marks an entity whose every insert, update and delete is written to the audit log.</summary>
public interface IAuditable;
