using System.Collections.Frozen;

namespace Scrm.Domain.Forms;

/// <summary>
/// The effective, ordered field list a submission is checked against — one version's fields, or a head-office
/// version with a region's variant applied — compiled once: key lookup, regexes, options and conditions.
/// Immutable and safe to share between requests.
/// </summary>
public sealed class FormDefinition
{
    private readonly FrozenDictionary<string, int> _indexByKey;

    private FormDefinition(IReadOnlyList<FormField> fields)
    {
        Fields = fields;
        var byKey = new Dictionary<string, int>(fields.Count, StringComparer.Ordinal);
        var compiled = new CompiledField[fields.Count];
        var section = -1;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            // The first of duplicate keys wins here; FormSchemaCheck refuses duplicates before publishing.
            byKey.TryAdd(field.Key ?? "", i);
            compiled[i] = new CompiledField(field, i) { SectionIndex = field.Type == FieldType.Section ? -1 : section };
            if (field.Type == FieldType.Section) section = i;
        }
        _indexByKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
        Compiled = compiled;
        foreach (var c in compiled)
            if (c.Field.Condition?.When is { } rule) c.Rule = CompiledRule.Compile(rule, this);
    }

    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>
    /// The fields asked when a ticket is opened: all but the completion fields (required to close but not to open,
    /// filled in on site), and the section headings that still head something. The intake and the create dialog ask these.
    /// </summary>
    public IReadOnlyList<FormField> OpeningFields => _openingFields ??= OpeningFieldsOf(Fields);

    private IReadOnlyList<FormField>? _openingFields;

    private static List<FormField> OpeningFieldsOf(IReadOnlyList<FormField> fields)
    {
        var opening = new List<FormField>(fields.Count);
        FormField? pendingSection = null;
        foreach (var field in fields)
        {
            if (field.Type == FieldType.Section)
            {
                pendingSection = field;
                continue;
            }
            if (field.RequiredToClose && !field.Required) continue;
            if (pendingSection is not null)
            {
                opening.Add(pendingSection);
                pendingSection = null;
            }
            opening.Add(field);
        }
        return opening;
    }

    internal CompiledField[] Compiled { get; }

    /// <summary>Compiles any field list, valid or not: a draft in the designer's live preview.</summary>
    public static FormDefinition Of(IEnumerable<FormField> fields) => new(fields.ToArray());

    /// <summary>
    /// A region's form: the head-office fields less those the variant hides (hiding a section hides the fields under
    /// it), then the variant's own fields. A variant field whose key the head office has since taken is left out, so
    /// that a head-office release never breaks a region's intake; <see cref="FormSchemaCheck.CheckVariant"/> reports it.
    /// </summary>
    public static FormDefinition Compose(FormVersion headOffice, FormVersion? variant) =>
        variant is null ? headOffice.Definition : variant.ComposedWith(headOffice);

    /// <summary>A variant's unsaved fields applied to head-office fields, as <see cref="Compose"/> would: the designer's live preview.</summary>
    public static FormDefinition ComposeDraft(IReadOnlyList<FormField> headOffice, IReadOnlyList<FormField> added,
        IReadOnlyCollection<string> hiddenKeys) => ComposeFields(headOffice, added, hiddenKeys);

    internal static FormDefinition ComposeFields(IReadOnlyList<FormField> headOffice, IReadOnlyList<FormField> added,
        IReadOnlyCollection<string> hiddenKeys) => new(ComposedFields(headOffice, added, hiddenKeys));

    internal static List<FormField> ComposedFields(IReadOnlyList<FormField> headOffice, IReadOnlyList<FormField> added,
        IReadOnlyCollection<string> hiddenKeys)
    {
        var fields = new List<FormField>(headOffice.Count + added.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var inHiddenSection = false;
        foreach (var field in headOffice)
        {
            if (field.Type == FieldType.Section) inHiddenSection = hiddenKeys.Contains(field.Key);
            if (inHiddenSection || hiddenKeys.Contains(field.Key)) continue;
            fields.Add(field);
        }
        foreach (var field in headOffice) keys.Add(field.Key);
        foreach (var field in added)
            if (keys.Add(field.Key)) fields.Add(field);
        return fields;
    }

    /// <summary>Position of the field with <paramref name="key"/>, or -1.</summary>
    public int IndexOf(string key) => _indexByKey.TryGetValue(key, out var index) ? index : -1;

    public FormField? Find(string key) => _indexByKey.TryGetValue(key, out var index) ? Fields[index] : null;

    public FormValidation Validate(IReadOnlyDictionary<string, object?> submission) => FormValidator.Validate(this, submission);
}
