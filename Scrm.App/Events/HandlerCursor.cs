namespace Scrm.App.Events;

/// <summary>
/// Marks a durable handler whose writes carry its outbox position (ADR 0034): delivered in order, each of its
/// <see cref="Data.WritePath.RunOnceAsync(string, IReadOnlyList{Scrm.Domain.Common.DomainEvent}, Func{Data.ScrmDbContext, IReadOnlyList{Scrm.Domain.Common.DomainEvent}, CancellationToken, Task}, CancellationToken)"/>
/// transactions moves the position past the events it was given instead of writing a processed-event row per event.
/// Such a handler writes at most once per delivery (a batch, or one event in the one-at-a-time fallback).
/// </summary>
public interface IPositionedEventHandler;

/// <summary>
/// An in-order handler's place in the outbox while this instance holds its lease: what is committed, and which events
/// the dispatcher is delivering now. The write path finds it through an async-local, so handler signatures stay as they are.
/// </summary>
public sealed class HandlerCursor(string handler, string owner, long committed, long recordsUntil)
{
    private static readonly AsyncLocal<HandlerCursor?> Ambient = new();

    public string Handler { get; } = handler;

    /// <summary>The lease owner the position update must still find.</summary>
    public string Owner { get; } = owner;

    /// <summary>The position as committed in the store.</summary>
    public long Committed { get; internal set; } = committed;

    /// <summary>
    /// Processed-event records of this handler may exist up to this outbox id (written before positions carried its
    /// progress, or by a retried parked event): deliveries that reach back to it still consult them.
    /// </summary>
    public long RecordsUntil { get; } = recordsUntil;

    /// <summary>The first and last outbox ids of the events being delivered now.</summary>
    public long First { get; private set; }

    public long Through { get; private set; }

    internal static HandlerCursor? Current => Ambient.Value;

    /// <summary>Makes this cursor the one the write path sees, for the events <paramref name="first"/>..<paramref name="through"/>.</summary>
    internal Delivering Deliver(long first, long through)
    {
        First = first;
        Through = through;
        Ambient.Value = this;
        return Delivering.Done;
    }

    internal sealed class Delivering : IDisposable
    {
        public static readonly Delivering Done = new();

        public void Dispose() => Ambient.Value = null;
    }
}

/// <summary>The handler's position was moved by someone else (the lease went to another instance): the write rolled back.</summary>
public sealed class LeaseLostException(string handler)
    : Exception($"{handler}'s position was moved by another instance; this delivery was rolled back.");
