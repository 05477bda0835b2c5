namespace Scrm.Domain.Forms;

/// <summary>
/// One field (or section heading) of a form version. Properties a type does not use are ignored for it, so that
/// switching a field's type in the designer does not make the schema invalid.
/// </summary>
public sealed record FormField
{
    public const int KeyMaxLength = 40;
    public const int LabelMaxLength = 100;
    public const int HelpTextMaxLength = 500;
    public const int OptionValueMaxLength = 100;
    public const int PatternMaxLength = 500;

    /// <summary>Longest text any field accepts, whatever its <see cref="MaxLength"/>.</summary>
    public const int TextLengthLimit = 4000;

    public const int DefaultTextMaxLength = 200;
    public const int DefaultMultiLineMaxLength = 2000;
    public const int DefaultMaxFiles = 9;
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;
    public const long DefaultMaxSignatureBytes = 512 * 1024;

    /// <summary>Lower-case identifier, unique in its version: what values are stored under.</summary>
    public required string Key { get; init; }

    public required FieldType Type { get; init; }

    public string LabelZh { get; init; } = "";
    public string? LabelEn { get; init; }
    public string? HelpText { get; init; }
    public bool Required { get; init; }

    /// <summary>Must be filled in before the ticket can be resolved or closed (a technician fills it on site).</summary>
    public bool RequiredToClose { get; init; }

    /// <summary>What the form starts with, in the same shapes a submission uses; the validator never fills it in.</summary>
    public object? Default { get; init; }

    /// <summary>Lowest value of a Number, or of a Money field in yuan (as typed in the designer; values are in fen).</summary>
    public decimal? Min { get; init; }

    /// <summary>Highest value of a Number, or of a Money field in yuan.</summary>
    public decimal? Max { get; init; }

    /// <summary>Earliest day of a Date or DateTime field.</summary>
    public DateOnly? MinDate { get; init; }

    public DateOnly? MaxDate { get; init; }

    /// <summary>Shortest text; for a MultiSelect or Upload the fewest choices or files when not empty.</summary>
    public int? MinLength { get; init; }

    /// <summary>Longest text; for a MultiSelect or Upload the most choices or files.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A .NET regular expression the whole text must match, like the HTML pattern attribute.</summary>
    public string? Pattern { get; init; }

    public IReadOnlyList<FieldOption> Options { get; init; } = [];

    /// <summary>Largest Upload file or Signature image.</summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>Content types an Upload or Signature accepts, such as "image/*" or "application/pdf"; empty for any.</summary>
    public IReadOnlyList<string> AllowedContentTypes { get; init; } = [];

    public FieldCondition? Condition { get; init; }

    /// <summary>Whether the field holds a value (everything but a Section).</summary>
    public bool HoldsValue => Type is not FieldType.Section;

    /// <summary>The label for messages: English when there is one.</summary>
    public string DisplayLabel =>
        !string.IsNullOrWhiteSpace(LabelEn) ? LabelEn : LabelZh.Length > 0 ? LabelZh : Key;
}
