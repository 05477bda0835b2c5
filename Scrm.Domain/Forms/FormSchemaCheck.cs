namespace Scrm.Domain.Forms;

/// <summary>
/// What stops a form version from being published: anything that would make the form impossible to fill in or to
/// judge (duplicate keys, conditions on missing or later fields, selects without options, broken regexes …).
/// Run by <see cref="FormTemplate.Publish"/>; the designer can call it live to list problems as they appear.
/// </summary>
public static class FormSchemaCheck
{
    public const int MaxFields = 200;
    public const int MaxConditionDepth = 6;

    public static IReadOnlyList<SchemaProblem> Check(IReadOnlyList<FormField> fields) => Check(fields, new HashSet<string>());

    /// <summary>
    /// A region's variant against the head-office version it is applied to: its hidden keys must exist there, its
    /// own keys must not, and the composed form must pass <see cref="Check(IReadOnlyList{FormField})"/>.
    /// </summary>
    public static IReadOnlyList<SchemaProblem> CheckVariant(FormVersion headOffice, IReadOnlyList<FormField> added,
        IReadOnlyList<string> hiddenKeys)
    {
        var problems = new List<SchemaProblem>();
        var headKeys = headOffice.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in hiddenKeys.Where(k => !headKeys.Contains(k)))
            problems.Add(new(key, SchemaProblemCodes.HiddenKeyUnknown, $"The head-office form has no field '{key}' to hide.", [key]));
        foreach (var field in added.Where(f => headKeys.Contains(f.Key)))
            problems.Add(new(field.Key, SchemaProblemCodes.VariantKeyClash,
                $"'{field.Key}' is already a head-office field; a region field needs its own key.", [field.Key]));
        var hidden = hiddenKeys.ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Check(FormDefinition.ComposedFields(headOffice.Fields, added, hidden), hidden));
        return problems;
    }

    /// <param name="hiddenKeys">Head-office keys a variant hides: conditions may still name them (they read as empty).</param>
    private static List<SchemaProblem> Check(IReadOnlyList<FormField> fields, IReadOnlySet<string> hiddenKeys)
    {
        var problems = new List<SchemaProblem>();
        if (!fields.Any(f => f.HoldsValue))
            problems.Add(new(null, SchemaProblemCodes.NoFields, "The form has no fields to fill in."));
        if (fields.Count > MaxFields)
            problems.Add(new(null, SchemaProblemCodes.TooManyFields, $"A form has at most {MaxFields} fields.", [MaxFields]));
        var form = FormDefinition.Of(fields);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            CheckKey(field, seen, problems);
            CheckTexts(field, problems);
            CheckRules(field, problems);
            CheckDefault(form.Compiled[i], problems);
            if (field.Condition is { } condition) CheckCondition(field, i, condition, form, hiddenKeys, problems);
        }
        return problems;
    }

    private static void CheckKey(FormField field, HashSet<string> seen, List<SchemaProblem> problems)
    {
        var key = field.Key ?? "";
        if (!IsKey(key))
            problems.Add(new(key, SchemaProblemCodes.BadKey,
                $"'{key}' is not a field key: lower-case letters, digits and _, starting with a letter, at most {FormField.KeyMaxLength} long.", [key]));
        else if (!seen.Add(key))
            problems.Add(new(key, SchemaProblemCodes.DuplicateKey, $"Two fields have the key '{key}'.", [key]));
        if (!Enum.IsDefined(field.Type))
            problems.Add(new(key, SchemaProblemCodes.BadType, $"Field '{key}' has no known type.", [key]));
    }

    private static bool IsKey(string key)
    {
        if (key.Length is 0 or > FormField.KeyMaxLength || !char.IsAsciiLetterLower(key[0])) return false;
        foreach (var ch in key)
            if (!char.IsAsciiLetterLower(ch) && !char.IsAsciiDigit(ch) && ch != '_') return false;
        return true;
    }

    private static void CheckTexts(FormField field, List<SchemaProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(field.LabelZh))
            problems.Add(new(field.Key, SchemaProblemCodes.MissingLabel, $"Field '{field.Key}' needs a Chinese label."));
        if ((field.LabelZh?.Length ?? 0) > FormField.LabelMaxLength || (field.LabelEn?.Length ?? 0) > FormField.LabelMaxLength)
            problems.Add(new(field.Key, SchemaProblemCodes.TooLong,
                $"The label of '{field.Key}' is longer than {FormField.LabelMaxLength} characters.", [FormField.LabelMaxLength]));
        if ((field.HelpText?.Length ?? 0) > FormField.HelpTextMaxLength)
            problems.Add(new(field.Key, SchemaProblemCodes.TooLong,
                $"The help text of '{field.Key}' is longer than {FormField.HelpTextMaxLength} characters.", [FormField.HelpTextMaxLength]));
    }

    private static void CheckRules(FormField field, List<SchemaProblem> problems)
    {
        var key = field.Key;
        if (field.Type is FieldType.SingleSelect or FieldType.MultiSelect) CheckOptions(field, problems);
        if (field.Min > field.Max || field.MinDate > field.MaxDate || field.MinLength > field.MaxLength)
            problems.Add(new(key, SchemaProblemCodes.MinAboveMax, $"Field '{key}' has a minimum above its maximum."));
        if (field.MinLength < 0 || field.MaxLength < 1 || field.MaxLength > FormField.TextLengthLimit)
            problems.Add(new(key, SchemaProblemCodes.BadLength,
                $"The length limits of '{key}' must lie between 0 and {FormField.TextLengthLimit}.", [FormField.TextLengthLimit]));
        if (!string.IsNullOrEmpty(field.Pattern) && CompiledField.TryCompile(field.Pattern) is null)
            problems.Add(new(key, SchemaProblemCodes.BadPattern,
                $"The pattern of '{key}' is not a valid regular expression of at most {FormField.PatternMaxLength} characters.", [field.Pattern]));
        if (field.Type is FieldType.Upload or FieldType.Signature
            && (field.MaxFileBytes <= 0 || (field.AllowedContentTypes ?? []).Any(t => string.IsNullOrWhiteSpace(t) || !t.Contains('/'))))
            problems.Add(new(key, SchemaProblemCodes.BadFileLimit,
                $"Field '{key}' needs a positive file size limit and content types such as image/* or application/pdf."));
    }

    private static void CheckOptions(FormField field, List<SchemaProblem> problems)
    {
        var options = field.Options ?? [];
        if (options.Count == 0)
        {
            problems.Add(new(field.Key, SchemaProblemCodes.NoOptions, $"Select '{field.Key}' has no options."));
            return;
        }
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var value = option.Value ?? "";
            if (value.Trim().Length == 0 || value != value.Trim() || value.Length > FormField.OptionValueMaxLength
                || string.IsNullOrWhiteSpace(option.LabelZh))
                problems.Add(new(field.Key, SchemaProblemCodes.BadOption,
                    $"Option '{value}' of '{field.Key}' needs a value (no outer spaces, at most {FormField.OptionValueMaxLength} characters) and a Chinese label.", [value]));
            else if (!values.Add(value))
                problems.Add(new(field.Key, SchemaProblemCodes.DuplicateOption, $"Select '{field.Key}' has the option '{value}' twice.", [value]));
        }
    }

    private static void CheckDefault(CompiledField c, List<SchemaProblem> problems)
    {
        var field = c.Field;
        if (field.Default is null) return;
        if (field.Type is FieldType.Section or FieldType.Upload or FieldType.Signature)
        {
            problems.Add(new(field.Key, SchemaProblemCodes.DefaultNotAllowed, $"A {field.Type} field cannot have a default value."));
            return;
        }
        if (FieldInput.Clean(c, field.Default, out _) is { } error)
            problems.Add(new(field.Key, SchemaProblemCodes.BadDefault,
                $"The default value of '{field.Key}' fails its own rules: {error.Message}", [error.Code]));
    }

    private static void CheckCondition(FormField field, int position, FieldCondition condition, FormDefinition form,
        IReadOnlySet<string> hiddenKeys, List<SchemaProblem> problems)
    {
        if (field.Type == FieldType.Section && condition.Effect == ConditionEffect.Require)
            problems.Add(new(field.Key, SchemaProblemCodes.SectionCannotBeRequired,
                $"Section '{field.Key}' holds no value, so it cannot be made required; show or hide it instead."));
        if (!Enum.IsDefined(condition.Effect))
            problems.Add(new(field.Key, SchemaProblemCodes.OperatorNotApplicable, $"The condition of '{field.Key}' has no known effect."));
        CheckRule(field, position, condition.When, 1, form, hiddenKeys, problems);
    }

    private static void CheckRule(FormField field, int position, ConditionRule? rule, int depth, FormDefinition form,
        IReadOnlySet<string> hiddenKeys, List<SchemaProblem> problems)
    {
        if (depth > MaxConditionDepth)
        {
            problems.Add(new(field.Key, SchemaProblemCodes.ConditionTooDeep,
                $"The condition of '{field.Key}' nests deeper than {MaxConditionDepth} levels.", [MaxConditionDepth]));
            return;
        }
        switch (rule)
        {
            case AllRule or AnyRule:
                var rules = (rule as AllRule)?.Rules ?? ((AnyRule)rule).Rules ?? [];
                if (rules.Count == 0)
                    problems.Add(new(field.Key, SchemaProblemCodes.EmptyGroup, $"The condition of '{field.Key}' has an empty All/Any group."));
                foreach (var inner in rules) CheckRule(field, position, inner, depth + 1, form, hiddenKeys, problems);
                break;
            case NotRule not:
                CheckRule(field, position, not.Rule, depth + 1, form, hiddenKeys, problems);
                break;
            case FieldRule leaf:
                CheckLeaf(field, position, leaf, form, hiddenKeys, problems);
                break;
            default:
                problems.Add(new(field.Key, SchemaProblemCodes.EmptyGroup, $"The condition of '{field.Key}' has no rule."));
                break;
        }
    }

    private static void CheckLeaf(FormField field, int position, FieldRule leaf, FormDefinition form,
        IReadOnlySet<string> hiddenKeys, List<SchemaProblem> problems)
    {
        var key = leaf.FieldKey ?? "";
        var index = form.IndexOf(key);
        if (index < 0)
        {
            if (!hiddenKeys.Contains(key))
                problems.Add(new(field.Key, SchemaProblemCodes.ConditionUnknownField,
                    $"The condition of '{field.Key}' refers to '{key}', which is not a field of this form.", [key]));
            return;
        }
        var target = form.Fields[index];
        if (index >= position)
        {
            problems.Add(new(field.Key, SchemaProblemCodes.ConditionForwardReference,
                $"The condition of '{field.Key}' refers to '{key}', which does not come before it; a condition may only look at earlier fields.", [key]));
            return;
        }
        if (!target.HoldsValue)
        {
            problems.Add(new(field.Key, SchemaProblemCodes.ConditionOnSection,
                $"The condition of '{field.Key}' refers to section '{key}', which holds no value.", [key]));
            return;
        }
        CheckOperator(field, target, leaf, problems);
    }

    private static void CheckOperator(FormField field, FormField target, FieldRule leaf, List<SchemaProblem> problems)
    {
        var op = leaf.Operator;
        var values = leaf.Values ?? [];
        if (!Applies(op, target.Type))
        {
            problems.Add(new(field.Key, SchemaProblemCodes.OperatorNotApplicable,
                $"The condition of '{field.Key}' uses {op} on '{target.Key}', a {target.Type} field.", [op.ToString(), target.Type.ToString()]));
            return;
        }
        var several = op is ConditionOperator.In or ConditionOperator.NotIn
            || target.Type == FieldType.MultiSelect && op is ConditionOperator.Equals or ConditionOperator.NotEquals or ConditionOperator.Contains;
        var expected = op is ConditionOperator.Empty or ConditionOperator.NotEmpty ? 0 : 1;
        if (expected == 0 ? values.Count != 0 : several ? values.Count == 0 : values.Count != 1)
        {
            problems.Add(new(field.Key, SchemaProblemCodes.BadOperand,
                $"The condition of '{field.Key}' gives {values.Count} value(s) to {op}, which takes {(expected == 0 ? "none" : several ? "one or more" : "exactly one")}.",
                [op.ToString(), values.Count]));
            return;
        }
        foreach (var text in values)
        {
            var trimmed = text?.Trim() ?? "";
            var parses = trimmed.Length > 0 && FieldInput.TryParseText(target.Type, trimmed, out _);
            var isOption = target.Type is not (FieldType.SingleSelect or FieldType.MultiSelect)
                || (target.Options ?? []).Any(o => o.Value == trimmed);
            if (!parses || !isOption)
                problems.Add(new(field.Key, SchemaProblemCodes.BadOperand,
                    $"The condition of '{field.Key}' compares '{target.Key}' with '{trimmed}', which is not a {target.Type} value{(isOption ? "" : " among its options")}.",
                    [trimmed]));
        }
    }

    private static bool Applies(ConditionOperator op, FieldType type) => op switch
    {
        ConditionOperator.Empty or ConditionOperator.NotEmpty => Enum.IsDefined(type),
        ConditionOperator.Equals or ConditionOperator.NotEquals or ConditionOperator.In or ConditionOperator.NotIn =>
            type is not (FieldType.Address or FieldType.Upload or FieldType.Signature),
        ConditionOperator.GreaterThan or ConditionOperator.GreaterOrEqual or ConditionOperator.LessThan or ConditionOperator.LessOrEqual =>
            type is FieldType.Number or FieldType.Money or FieldType.Date or FieldType.DateTime,
        ConditionOperator.Contains => type is FieldType.MultiSelect or FieldType.Text or FieldType.MultiLineText or FieldType.DeviceModel,
        _ => false,
    };
}
