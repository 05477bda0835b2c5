using System.Text.Json.Serialization;

namespace Scrm.Domain.Forms;

/// <summary>What a condition does to its field while its rule holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionEffect>))]
public enum ConditionEffect
{
    /// <summary>The field is shown only while the rule holds.</summary>
    Show,
    /// <summary>The field is hidden while the rule holds.</summary>
    Hide,
    /// <summary>The field is always shown and becomes required while the rule holds.</summary>
    Require,
}

/// <summary>
/// Makes a field (or a whole section) appear, disappear or become required depending on the values of fields before it.
/// </summary>
public sealed record FieldCondition(ConditionEffect Effect, ConditionRule When);
