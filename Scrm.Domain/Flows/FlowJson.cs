using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scrm.Domain.Flows;

/// <summary>The one JSON shape of flow definitions, instance states, signals and effects: camelCase, enums by name.</summary>
public static class FlowJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The JSON holds no {typeof(T).Name}.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A state is stored per ticket: nulls are left out to keep it small.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Hand-written or reordered definitions may put a rule's "kind" after its fields.
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
