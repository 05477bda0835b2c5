using System.Reflection;
using Scrm.Domain.Common;

namespace Scrm.App.Events;

/// <summary>A handler as the dispatcher sees it: its stable name, the stored event names it takes and how to call it.</summary>
public sealed class RegisteredHandler
{
    private readonly Dictionary<string, Func<object, DomainEvent, EventDelivery, CancellationToken, Task>> _invokers;

    internal RegisteredHandler(string name, Type handlerType, bool durable,
        Dictionary<string, Func<object, DomainEvent, EventDelivery, CancellationToken, Task>> invokers)
    {
        Name = name;
        HandlerType = handlerType;
        Durable = durable;
        _invokers = invokers;
        EventNames = invokers.Keys.Order(StringComparer.Ordinal).ToList();
        InOrder = durable && typeof(IPositionedEventHandler).IsAssignableFrom(handlerType);
    }

    public string Name { get; }
    public Type HandlerType { get; }
    public bool Durable { get; }

    /// <summary>Its writes carry its position (<see cref="IPositionedEventHandler"/>), so they need no processed-event rows.</summary>
    public bool InOrder { get; }
    public IReadOnlyList<string> EventNames { get; }

    public Task InvokeAsync(object handler, string type, DomainEvent e, EventDelivery delivery, CancellationToken ct) =>
        _invokers[type](handler, e, delivery, ct);
}

/// <summary>All handlers, grouped by handler class: one outbox position per handler, whatever it subscribes to.</summary>
public sealed class EventHandlerRegistry
{
    private static readonly MethodInfo InvokeOpen =
        typeof(EventHandlerRegistry).GetMethod(nameof(Invoke), BindingFlags.NonPublic | BindingFlags.Static)!;

    public EventHandlerRegistry(IEnumerable<EventHandlerBinding> bindings, EventTypes types)
    {
        Handlers = bindings.GroupBy(b => b.HandlerType).Select(g => Build(g.Key, g.ToList(), types)).ToList();
        var clash = Handlers.GroupBy(h => h.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null) throw new InvalidOperationException($"Two event handlers are named {clash.Key}.");
    }

    public IReadOnlyList<RegisteredHandler> Handlers { get; }

    public RegisteredHandler? Find(string name) => Handlers.FirstOrDefault(h => h.Name == name);

    private static RegisteredHandler Build(Type handlerType, List<EventHandlerBinding> bindings, EventTypes types)
    {
        var invokers = new Dictionary<string, Func<object, DomainEvent, EventDelivery, CancellationToken, Task>>();
        // The most specific subscription wins when a handler takes both an event and its base type.
        foreach (var binding in bindings.OrderBy(b => Depth(b.EventType)))
        {
            var invoke = InvokeOpen.MakeGenericMethod(binding.EventType)
                .CreateDelegate<Func<object, DomainEvent, EventDelivery, CancellationToken, Task>>();
            foreach (var name in types.NamesAssignableTo(binding.EventType)) invokers[name] = invoke;
        }
        if (bindings.Select(b => b.Durable).Distinct().Count() > 1)
            throw new InvalidOperationException($"{handlerType.Name} is registered both durable and not.");
        return new RegisteredHandler(handlerType.Name, handlerType, bindings[0].Durable, invokers);
    }

    private static int Depth(Type t) => t.BaseType is null ? 0 : 1 + Depth(t.BaseType);

    private static Task Invoke<TEvent>(object handler, DomainEvent e, EventDelivery delivery, CancellationToken ct)
        where TEvent : DomainEvent =>
        ((IEventHandler<TEvent>)handler).HandleAsync((TEvent)e, delivery, ct);
}
