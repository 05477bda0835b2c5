namespace Scrm.Domain.Forms;

/// <summary>
/// Checks a submission against an exact form, field by field in form order. A condition sees the cleaned values of
/// the fields before it; a hidden field (by its condition or its section) reads as empty, and its submitted value is
/// dropped without an error. Keys the form does not have are errors.
/// </summary>
public static class FormValidator
{
    /// <summary>Against a head-office version; for a region, validate against <see cref="FormDefinition.Compose"/>.</summary>
    public static FormValidation Validate(FormVersion version, IReadOnlyDictionary<string, object?> submission) =>
        Validate(version.Definition, submission);

    public static FormValidation Validate(FormDefinition form, IReadOnlyDictionary<string, object?> submission)
    {
        var fields = form.Compiled;
        var raw = new object?[fields.Length];
        List<FormError>? errors = null;
        // The concrete dictionary is enumerated without boxing its enumerator: this runs per submission.
        if (submission is Dictionary<string, object?> dictionary)
            foreach (var (key, value) in dictionary) Take(form, key, value, raw, ref errors);
        else
            foreach (var (key, value) in submission) Take(form, key, value, raw, ref errors);

        var values = new object?[fields.Length];
        var states = new FieldState[fields.Length];
        Walk(fields, raw, values, states, ref errors);

        var cleaned = new Dictionary<string, object>(fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
            if (values[i] is { } value) cleaned[fields[i].Field.Key] = value;
        return new FormValidation(form, cleaned, (IReadOnlyList<FormError>?)errors ?? [], states);
    }

    /// <summary>
    /// The required-to-close fields that are shown but empty in stored values: a Resolve or Close must name them.
    /// Stored values are read like a submission (typed values or the JSON they were saved as).
    /// </summary>
    public static IReadOnlyList<FormError> MissingToClose(FormDefinition form, IReadOnlyDictionary<string, object?> stored)
    {
        var fields = form.Compiled;
        var raw = new object?[fields.Length];
        foreach (var (key, value) in stored)
        {
            var index = form.IndexOf(key);
            if (index >= 0) raw[index] = value;
        }
        var values = new object?[fields.Length];
        var states = new FieldState[fields.Length];
        List<FormError>? ignored = null;
        Walk(fields, raw, values, states, ref ignored);
        var missing = new List<FormError>();
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i].Field;
            if (field.RequiredToClose && field.HoldsValue && states[i].HasFlag(FieldState.Visible) && FieldInput.IsEmpty(values[i]))
                missing.Add(FormError.For(field, FormErrorCodes.RequiredToClose,
                    "must be filled in before the ticket is resolved or closed."));
        }
        return missing;
    }

    public static IReadOnlyList<FormError> MissingToClose(FormVersion version, IReadOnlyDictionary<string, object?> stored) =>
        MissingToClose(version.Definition, stored);

    private static void Take(FormDefinition form, string key, object? value, object?[] raw, ref List<FormError>? errors)
    {
        var index = form.IndexOf(key);
        if (index >= 0 && form.Compiled[index].Field.HoldsValue)
        {
            raw[index] = value;
            return;
        }
        (errors ??= []).Add(new FormError(key, FormErrorCodes.UnknownField, $"'{key}' is not a field of this form.", [key]));
    }

    // One pass in form order works because a condition may only look at fields before its own (FormSchemaCheck).
    private static void Walk(CompiledField[] fields, object?[] raw, object?[] values, FieldState[] states, ref List<FormError>? errors)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            var c = fields[i];
            var field = c.Field;
            var visible = c.SectionIndex < 0 || states[c.SectionIndex].HasFlag(FieldState.Visible);
            var required = field.Required;
            if (visible && c.Rule is { } rule)
            {
                var holds = rule.Holds(values);
                switch (field.Condition!.Effect)
                {
                    case ConditionEffect.Show: visible = holds; break;
                    case ConditionEffect.Hide: visible = !holds; break;
                    case ConditionEffect.Require: required |= holds; break;
                }
            }
            if (!visible) continue;
            states[i] = required && field.HoldsValue ? FieldState.Visible | FieldState.Required : FieldState.Visible;
            if (!field.HoldsValue) continue;
            var error = FieldInput.Clean(c, raw[i], out var value);
            if (error is not null)
            {
                (errors ??= []).Add(error);
                continue;
            }
            values[i] = value;
            if (required && FieldInput.IsEmpty(value))
                (errors ??= []).Add(FormError.For(field, FormErrorCodes.Required, "is required."));
        }
    }
}

[Flags]
internal enum FieldState : byte
{
    Hidden = 0,
    Visible = 1,
    Required = 2,
}
