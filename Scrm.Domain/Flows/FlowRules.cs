using System.Globalization;

using Scrm.Domain.Forms;

namespace Scrm.Domain.Flows;

/// <summary>
/// Evaluates the forms module's condition rules over a flow's facts. Facts are text: two values compare as numbers
/// when both parse (invariant culture), otherwise as ordinal strings.
/// </summary>
public static class FlowRules
{
    public static bool Holds(ConditionRule rule, FlowFacts facts) => rule switch
    {
        FieldRule field => Holds(field, facts.Value(field.FieldKey)),
        AllRule all => all.Rules.All(r => Holds(r, facts)),
        AnyRule any => any.Rules.Any(r => Holds(r, facts)),
        NotRule not => !Holds(not.Rule, facts),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.GetType().Name, "Unknown condition rule."),
    };

    private static bool Holds(FieldRule rule, string? value)
    {
        var operands = rule.Values ?? [];
        var first = operands.Count > 0 ? operands[0] : null;
        return rule.Operator switch
        {
            ConditionOperator.Empty => string.IsNullOrWhiteSpace(value),
            ConditionOperator.NotEmpty => !string.IsNullOrWhiteSpace(value),
            ConditionOperator.Equals => value is not null && first is not null && Compare(value, first) == 0,
            ConditionOperator.NotEquals => value is null || first is null || Compare(value, first) != 0,
            ConditionOperator.In => value is not null && operands.Any(o => Compare(value, o) == 0),
            ConditionOperator.NotIn => value is null || !operands.Any(o => Compare(value, o) == 0),
            ConditionOperator.Contains => value is not null && first is not null && value.Contains(first.Trim(), StringComparison.Ordinal),
            ConditionOperator.GreaterThan => value is not null && first is not null && Compare(value, first) > 0,
            ConditionOperator.GreaterOrEqual => value is not null && first is not null && Compare(value, first) >= 0,
            ConditionOperator.LessThan => value is not null && first is not null && Compare(value, first) < 0,
            ConditionOperator.LessOrEqual => value is not null && first is not null && Compare(value, first) <= 0,
            _ => false,
        };
    }

    private static int Compare(string value, string operand)
    {
        var left = value.Trim();
        var right = operand.Trim();
        if (TryNumber(left, out var a) && TryNumber(right, out var b)) return a.CompareTo(b);
        return string.CompareOrdinal(left, right);
    }

    private static bool TryNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out number);
}
