using System.Text.Json;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Forms.Designer;

public enum FieldChange
{
    Added,
    Removed,
    Changed,
}

/// <summary>One field that differs between two versions; <see cref="Properties"/> names what changed (for Changed).</summary>
public sealed record FieldDifference(string Key, FieldChange Change, IReadOnlyList<string> Properties);

/// <summary>What changed from one form version to another, field by field, matched by key.</summary>
public static class FormVersionDiff
{
    /// <summary>The properties compared, by the name the designer shows them under; "Position" is the field's place in the form.</summary>
    public static readonly IReadOnlyList<string> PropertyNames =
    [
        "Type", "Position", "LabelZh", "LabelEn", "HelpText", "Required", "RequiredToClose", "Default", "Min", "Max", "MinDate", "MaxDate",
        "MinLength", "MaxLength", "Pattern", "Options", "MaxFileBytes", "AllowedContentTypes", "Condition", "Hidden",
    ];

    public static IReadOnlyList<FieldDifference> Between(IReadOnlyList<FormField> from, IReadOnlyList<FormField> to,
        IReadOnlyCollection<string>? hiddenBefore = null, IReadOnlyCollection<string>? hiddenAfter = null)
    {
        var before = Index(from);
        var after = Index(to);
        var differences = new List<FieldDifference>();
        foreach (var (key, (field, position)) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                differences.Add(new(key, FieldChange.Added, []));
                continue;
            }
            var changed = Changed(old.Field, field).ToList();
            // Listed after the type, in the order of PropertyNames; a field that only moved has its position alone.
            if (old.Position != position) changed.Insert(changed is ["Type", ..] ? 1 : 0, "Position");
            if (changed.Count > 0) differences.Add(new(key, FieldChange.Changed, changed));
        }
        differences.AddRange(before.Keys.Where(k => !after.ContainsKey(k)).Select(k => new FieldDifference(k, FieldChange.Removed, [])));
        // A region variant's hidden head-office fields: hiding one is a change of that field.
        var hiddenThen = (hiddenBefore ?? []).ToHashSet(StringComparer.Ordinal);
        var hiddenNow = (hiddenAfter ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var key in hiddenThen.Except(hiddenNow).Concat(hiddenNow.Except(hiddenThen)).Order(StringComparer.Ordinal))
            differences.Add(new(key, FieldChange.Changed, ["Hidden"]));
        return differences;
    }

    private static Dictionary<string, (FormField Field, int Position)> Index(IReadOnlyList<FormField> fields)
    {
        var index = new Dictionary<string, (FormField, int)>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++) index.TryAdd(fields[i].Key, (fields[i], i));
        return index;
    }

    private static IEnumerable<string> Changed(FormField a, FormField b)
    {
        if (a.Type != b.Type) yield return "Type";
        if (a.LabelZh != b.LabelZh) yield return "LabelZh";
        if (Blank(a.LabelEn) != Blank(b.LabelEn)) yield return "LabelEn";
        if (Blank(a.HelpText) != Blank(b.HelpText)) yield return "HelpText";
        if (a.Required != b.Required) yield return "Required";
        if (a.RequiredToClose != b.RequiredToClose) yield return "RequiredToClose";
        if (Json(a.Default) != Json(b.Default)) yield return "Default";
        if (a.Min != b.Min) yield return "Min";
        if (a.Max != b.Max) yield return "Max";
        if (a.MinDate != b.MinDate) yield return "MinDate";
        if (a.MaxDate != b.MaxDate) yield return "MaxDate";
        if (a.MinLength != b.MinLength) yield return "MinLength";
        if (a.MaxLength != b.MaxLength) yield return "MaxLength";
        if (Blank(a.Pattern) != Blank(b.Pattern)) yield return "Pattern";
        if (!a.Options.SequenceEqual(b.Options)) yield return "Options";
        if (a.MaxFileBytes != b.MaxFileBytes) yield return "MaxFileBytes";
        if (!a.AllowedContentTypes.SequenceEqual(b.AllowedContentTypes)) yield return "AllowedContentTypes";
        // Records holding lists compare the lists by reference; their JSON compares what they say.
        if (Json(a.Condition) != Json(b.Condition)) yield return "Condition";
    }

    private static string Blank(string? text) => text ?? "";

    private static string Json(object? value) => value is null ? "" : JsonSerializer.Serialize(value);
}
