namespace Scrm.Domain.Forms;

/// <summary>
/// The outcome of checking a submission: the cleaned, typed values of the shown fields, one error per refused field,
/// and which fields the form shows and requires for these values — what a live renderer needs to draw the form the
/// way the server will judge it. Value types: string (texts, selects, phone, e-mail, device model), decimal (number),
/// long fen (money), DateOnly, DateTime (China wall-clock), string[] (multi select, in option order), bool (checkbox),
/// <see cref="AddressValue"/>, StoredFile[] (upload), <see cref="StoredFile"/> or data-URL string (signature).
/// </summary>
public sealed class FormValidation
{
    private readonly FormDefinition _form;
    private readonly FieldState[] _states;

    internal FormValidation(FormDefinition form, IReadOnlyDictionary<string, object> values, IReadOnlyList<FormError> errors,
        FieldState[] states)
    {
        _form = form;
        _states = states;
        Values = values;
        Errors = errors;
    }

    /// <summary>Shown, filled-in fields only; a shown checkbox is always present (true or false).</summary>
    public IReadOnlyDictionary<string, object> Values { get; }

    public IReadOnlyList<FormError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>Whether the field is shown for these values (its condition and its section's).</summary>
    public bool IsVisible(string key) => State(key).HasFlag(FieldState.Visible);

    /// <summary>Whether the field is shown and must be filled in, by its own flag or a Require condition.</summary>
    public bool IsRequired(string key) => State(key).HasFlag(FieldState.Required);

    /// <summary>The errors of one field, for showing beside it.</summary>
    public IEnumerable<FormError> ErrorsFor(string key) => Errors.Where(e => e.FieldKey == key);

    /// <summary>The values, or a <see cref="FormSubmissionException"/> listing every error: nothing is half-saved.</summary>
    public IReadOnlyDictionary<string, object> EnsureValid() => IsValid ? Values : throw new FormSubmissionException(Errors);

    private FieldState State(string key)
    {
        var index = _form.IndexOf(key);
        return index >= 0 ? _states[index] : FieldState.Hidden;
    }
}
