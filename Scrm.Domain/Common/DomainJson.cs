using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scrm.Domain.Common;

/// <summary>
/// The one JSON shape of what the domain stores as documents — flow definitions, instance states, signals and
/// effects, SLA calendars, policies and clocks: camelCase, enums by name, nulls left out.
/// </summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The JSON holds no {typeof(T).Name}.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A flow state and a ticket's clocks are stored per ticket: nulls are left out to keep them small.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Hand-written or reordered definitions may put a rule's "kind" after its fields.
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
