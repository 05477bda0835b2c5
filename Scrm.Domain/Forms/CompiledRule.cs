namespace Scrm.Domain.Forms;

/// <summary>
/// A condition rule bound to field positions, with its operands parsed to the referenced field's value type, so that
/// evaluating it is a few comparisons on the values array (no lookups, no parsing, no allocation).
/// </summary>
internal abstract class CompiledRule
{
    public abstract bool Holds(object?[] values);

    public static CompiledRule Compile(ConditionRule rule, FormDefinition form) => rule switch
    {
        FieldRule field => Leaf.Compile(field, form),
        AllRule all => new All(all.Rules.Select(r => Compile(r, form)).ToArray()),
        AnyRule any => new Any(any.Rules.Select(r => Compile(r, form)).ToArray()),
        NotRule not => new Not(Compile(not.Rule, form)),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.GetType().Name, "Unknown condition rule."),
    };

    private sealed class All(CompiledRule[] rules) : CompiledRule
    {
        public override bool Holds(object?[] values)
        {
            foreach (var rule in rules)
                if (!rule.Holds(values)) return false;
            return true;
        }
    }

    private sealed class Any(CompiledRule[] rules) : CompiledRule
    {
        public override bool Holds(object?[] values)
        {
            foreach (var rule in rules)
                if (rule.Holds(values)) return true;
            return false;
        }
    }

    private sealed class Not(CompiledRule rule) : CompiledRule
    {
        public override bool Holds(object?[] values) => !rule.Holds(values);
    }

    /// <summary>
    /// A missing field (unknown key, a section, or hidden) reads as null: empty, equal to nothing, in nothing.
    /// </summary>
    private sealed class Leaf(int index, ConditionOperator op, object[] operands) : CompiledRule
    {
        public static Leaf Compile(FieldRule rule, FormDefinition form)
        {
            var index = form.IndexOf(rule.FieldKey);
            var field = index >= 0 ? form.Fields[index] : null;
            if (field is not { HoldsValue: true }) index = -1;
            var operands = new List<object>();
            foreach (var text in rule.Values ?? [])
            {
                var trimmed = text?.Trim() ?? "";
                // An operand that does not parse stays text and matches nothing; FormSchemaCheck reports it.
                var operand = field is not null && FieldInput.TryParseText(field.Type, trimmed, out var parsed) ? parsed : trimmed;
                if (!operands.Contains(operand)) operands.Add(operand);
            }
            return new Leaf(index, rule.Operator, operands.ToArray());
        }

        public override bool Holds(object?[] values)
        {
            var value = index >= 0 ? values[index] : null;
            return op switch
            {
                ConditionOperator.Empty => FieldInput.IsEmpty(value),
                ConditionOperator.NotEmpty => !FieldInput.IsEmpty(value),
                ConditionOperator.Equals => value is not null && IsEqual(value),
                ConditionOperator.NotEquals => value is null || !IsEqual(value),
                ConditionOperator.In => value is not null && IsIn(value),
                ConditionOperator.NotIn => value is null || !IsIn(value),
                ConditionOperator.Contains => value is not null && Contains(value),
                ConditionOperator.GreaterThan => Compare(value) is > 0,
                ConditionOperator.GreaterOrEqual => Compare(value) is >= 0,
                ConditionOperator.LessThan => Compare(value) is < 0,
                ConditionOperator.LessOrEqual => Compare(value) is <= 0,
                _ => false,
            };
        }

        /// <summary>A multi select equals the operands when exactly those options are chosen.</summary>
        private bool IsEqual(object value)
        {
            if (value is not string[] chosen) return operands.Length > 0 && value.Equals(operands[0]);
            if (chosen.Length != operands.Length) return false;
            foreach (var operand in operands)
                if (Array.IndexOf(chosen, operand) < 0) return false;
            return true;
        }

        /// <summary>A multi select is "in" the operands when any chosen option is one of them.</summary>
        private bool IsIn(object value)
        {
            if (value is string[] chosen)
            {
                foreach (var option in chosen)
                    if (Array.IndexOf(operands, option) >= 0) return true;
                return false;
            }
            foreach (var operand in operands)
                if (value.Equals(operand)) return true;
            return false;
        }

        private bool Contains(object value)
        {
            if (operands.Length == 0) return false;
            if (value is string[] chosen)
            {
                foreach (var operand in operands)
                    if (Array.IndexOf(chosen, operand) < 0) return false;
                return true;
            }
            return value is string text && operands[0] is string part && text.Contains(part, StringComparison.Ordinal);
        }

        /// <summary>Null when the two cannot be compared: an empty value, or an operand of another type.</summary>
        private int? Compare(object? value)
        {
            if (value is null || operands.Length == 0 || value.GetType() != operands[0].GetType() || value is not IComparable comparable)
                return null;
            return comparable.CompareTo(operands[0]);
        }
    }
}
