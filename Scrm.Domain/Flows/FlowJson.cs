using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scrm.Domain.Flows;

/// <summary>How a flow definition is stored: camelCase names, enums as their names, nulls left out.</summary>
public static class FlowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(FlowDefinition flow) => JsonSerializer.Serialize(flow, Options);

    public static FlowDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<FlowDefinition>(json, Options) ?? throw new JsonException("A flow definition cannot be null.");
}
