using System.Text.RegularExpressions;

namespace Scrm.Domain.Forms;

/// <summary>A field with what validation needs worked out once per version: its regex, options and condition.</summary>
internal sealed class CompiledField
{
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(50);

    public CompiledField(FormField field, int index)
    {
        Field = field;
        Index = index;
        MaxTextLength = Math.Min(field.MaxLength ?? (field.Type == FieldType.MultiLineText
            ? FormField.DefaultMultiLineMaxLength
            : FormField.DefaultTextMaxLength), FormField.TextLengthLimit);
        Pattern = TryCompile(field.Pattern);
        if (field.Type is FieldType.SingleSelect or FieldType.MultiSelect)
        {
            OptionOrder = new Dictionary<string, int>(field.Options.Count, StringComparer.Ordinal);
            for (var i = 0; i < field.Options.Count; i++) OptionOrder.TryAdd(field.Options[i].Value, i);
        }
    }

    public FormField Field { get; }
    public int Index { get; }
    public int MaxTextLength { get; }
    public Regex? Pattern { get; }

    /// <summary>Option value → position, for selects: membership and the stored order of a multi select.</summary>
    public Dictionary<string, int>? OptionOrder { get; }

    /// <summary>Index of the section heading the field sits under, or -1.</summary>
    public int SectionIndex { get; set; } = -1;

    public CompiledRule? Rule { get; set; }

    /// <summary>
    /// Anchored like the HTML pattern attribute, so "\d{6}" means six digits and nothing else. An invalid pattern
    /// compiles to null here (no check) and is reported by <see cref="FormSchemaCheck"/>, so that a draft still previews.
    /// </summary>
    public static Regex? TryCompile(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Length > FormField.PatternMaxLength) return null;
        try { return new Regex($"^(?:{pattern})\\z", RegexOptions.None, PatternTimeout); }
        catch (ArgumentException) { return null; }
    }
}
