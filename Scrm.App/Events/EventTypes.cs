using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Scrm.Domain.Common;

namespace Scrm.App.Events;

/// <summary>
/// The event types the outbox can carry, by stable name, and their JSON form. Names, not CLR type names, are
/// stored, so that a namespace move never strands a stored event.
/// </summary>
public sealed class EventTypes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // Payloads stay readable to an Admin looking at a parked event: Chinese as itself, not \u escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly Dictionary<string, Type> _byName;

    public EventTypes(IEnumerable<Type> types)
    {
        _byName = types.Where(t => t is { IsAbstract: false } && typeof(DomainEvent).IsAssignableFrom(t))
            .ToDictionary(t => t.Name);
    }

    /// <summary>Every concrete event in the domain.</summary>
    public static EventTypes FromDomain() => new(typeof(DomainEvent).Assembly.GetTypes());

    public string NameOf(Type type) =>
        _byName.ContainsKey(type.Name) ? type.Name : throw new InvalidOperationException($"{type.Name} is not a known event type.");

    /// <summary>The stored names of every concrete event a handler of <paramref name="type"/> receives.</summary>
    public IReadOnlyList<string> NamesAssignableTo(Type type) =>
        _byName.Where(p => type.IsAssignableFrom(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    public string Serialize(DomainEvent e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    public DomainEvent Deserialize(string type, string payload) =>
        (DomainEvent)(JsonSerializer.Deserialize(payload, _byName[type], Json)
                      ?? throw new InvalidOperationException($"An empty {type} payload."));

    public OutboxMessage ToMessage(DomainEvent e, long aggregateKey) => ToMessage(e, aggregateKey, out _);

    /// <summary>The outbox row of <paramref name="e"/>, and the event as the row holds it (its aggregate's key filled in).</summary>
    public OutboxMessage ToMessage(DomainEvent e, long aggregateKey, out DomainEvent stored)
    {
        stored = e.AggregateId == 0 ? e with { AggregateId = aggregateKey } : e;
        return new OutboxMessage
        {
            EventId = stored.EventId,
            Type = NameOf(stored.GetType()),
            AggregateId = stored.AggregateId,
            AggregateVersion = stored.AggregateVersion,
            OccurredAt = stored.OccurredAt,
            Payload = Serialize(stored),
        };
    }
}
