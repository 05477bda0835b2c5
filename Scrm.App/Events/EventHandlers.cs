using Scrm.Domain.Common;

namespace Scrm.App.Events;

/// <summary>
/// A module's reaction to an event. Delivery is at least once, in outbox order; a handler that changes data does
/// so through <see cref="Data.WritePath.RunOnceAsync"/>, which records the event as processed in the same
/// transaction, so that a redelivery changes nothing.
/// </summary>
public interface IEventHandler<in TEvent> where TEvent : DomainEvent
{
    Task HandleAsync(TEvent e, EventDelivery delivery, CancellationToken ct);
}

/// <summary>
/// A handler that can also take a whole batch of its events at once, in one transaction (through
/// <see cref="Data.WritePath.RunOnceAsync(string, IReadOnlyList{DomainEvent}, Func{Data.ScrmDbContext, IReadOnlyList{DomainEvent}, CancellationToken, Task}, CancellationToken)"/>),
/// so that it keeps up with a busy outbox. When the batch fails, the dispatcher falls back to one event at a time,
/// with retries and parking as usual.
/// </summary>
public interface IEventBatchHandler
{
    Task HandleBatchAsync(IReadOnlyList<StoredEvent> events, string handler, CancellationToken ct);
}

/// <summary>Which handler gets the event, where it stands in the outbox and which try this is.</summary>
public sealed record EventDelivery(string Handler, long OutboxId, int Attempt);

/// <summary>One <c>AddEventHandler</c> call: this handler wants events of this type (and its subtypes).</summary>
public sealed record EventHandlerBinding(Type HandlerType, Type EventType, bool Durable);

public static class EventHandlerServiceCollectionExtensions
{
    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>. Durable handlers keep their place
    /// in the outbox across restarts; a non-durable one (a live screen feed) starts at the newest event.
    /// </summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, bool durable = true)
        where TEvent : DomainEvent
        where THandler : class, IEventHandler<TEvent>
    {
        services.AddSingleton(new EventHandlerBinding(typeof(THandler), typeof(TEvent), durable));
        services.AddTransient<THandler>();
        return services;
    }
}
