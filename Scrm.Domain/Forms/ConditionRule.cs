using System.Text.Json.Serialization;

namespace Scrm.Domain.Forms;

[JsonConverter(typeof(JsonStringEnumConverter<ConditionOperator>))]
public enum ConditionOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Empty,
    NotEmpty,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    /// <summary>A multi select has all the values chosen; a text contains the value.</summary>
    Contains,
}

/// <summary>
/// A test on the values of earlier fields: a <see cref="FieldRule"/> or an All / Any / Not group of rules.
/// Stored as JSON with a "kind" discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(FieldRule), "field")]
[JsonDerivedType(typeof(AllRule), "all")]
[JsonDerivedType(typeof(AnyRule), "any")]
[JsonDerivedType(typeof(NotRule), "not")]
public abstract record ConditionRule
{
    public static FieldRule Field(string fieldKey, ConditionOperator op, params string[] values) => new(fieldKey, op, values);

    public static AllRule All(params ConditionRule[] rules) => new(rules);

    public static AnyRule Any(params ConditionRule[] rules) => new(rules);

    public static NotRule Not(ConditionRule rule) => new(rule);
}

/// <summary>
/// A test on one field's value. <see cref="Values"/> are written as a person types them (money in yuan, dates as
/// yyyy-MM-dd, option values for selects): none for Empty / NotEmpty, several for In / NotIn, otherwise one.
/// </summary>
public sealed record FieldRule(string FieldKey, ConditionOperator Operator, IReadOnlyList<string> Values) : ConditionRule;

/// <summary>Holds when every rule holds.</summary>
public sealed record AllRule(IReadOnlyList<ConditionRule> Rules) : ConditionRule;

/// <summary>Holds when at least one rule holds.</summary>
public sealed record AnyRule(IReadOnlyList<ConditionRule> Rules) : ConditionRule;

public sealed record NotRule(ConditionRule Rule) : ConditionRule;
