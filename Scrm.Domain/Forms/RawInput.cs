using System.Globalization;
using System.Text.Json;

namespace Scrm.Domain.Forms;

/// <summary>The shape of one submitted value, whatever carried it: an HTML form post, JSON, or typed C# values.</summary>
internal enum RawShape
{
    Empty,
    Text,
    Number,
    Bool,
    /// <summary>Several values, or an object, where one scalar was expected.</summary>
    Other,
}

/// <summary>
/// Reads submitted values in every form the boundaries deliver them: strings and string arrays from an HTML form,
/// <see cref="JsonElement"/> from the API or from stored values, CLR numbers, booleans and dates from C# callers.
/// </summary>
internal static class RawInput
{
    /// <summary>One scalar: trimmed text, a number or a boolean; a one-element list counts as its element.</summary>
    public static RawShape Scalar(object? raw, out string text, out decimal number)
    {
        text = "";
        number = 0;
        switch (raw)
        {
            case null:
                return RawShape.Empty;
            case string s:
                text = s.Trim();
                return text.Length == 0 ? RawShape.Empty : RawShape.Text;
            case string[] list:
                return list.Length switch
                {
                    0 => RawShape.Empty,
                    1 => Scalar(list[0], out text, out number),
                    _ => RawShape.Other,
                };
            case bool b:
                text = b ? "true" : "false";
                return RawShape.Bool;
            case int or long or short or byte or uint or decimal:
                number = Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
                text = number.ToString(CultureInfo.InvariantCulture);
                return RawShape.Number;
            case double or float:
                var d = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d) || Math.Abs(d) > 7.9e27) return RawShape.Other;
                number = (decimal)d;
                text = number.ToString(CultureInfo.InvariantCulture);
                return RawShape.Number;
            case JsonElement json:
                return Json(json, out text, out number);
            case IEnumerable<string> items:
                return ScalarOfList(items, out text, out number);
            default:
                return RawShape.Other;
        }
    }

    private static RawShape Json(JsonElement json, out string text, out decimal number)
    {
        text = "";
        number = 0;
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                return Scalar(json.GetString(), out text, out number);
            case JsonValueKind.Number:
                if (!json.TryGetDecimal(out number)) return RawShape.Other;
                text = number.ToString(CultureInfo.InvariantCulture);
                return RawShape.Number;
            case JsonValueKind.True or JsonValueKind.False:
                text = json.ValueKind == JsonValueKind.True ? "true" : "false";
                return RawShape.Bool;
            case JsonValueKind.Array:
                var length = json.GetArrayLength();
                return length switch
                {
                    0 => RawShape.Empty,
                    1 => Json(json[0], out text, out number),
                    _ => RawShape.Other,
                };
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return RawShape.Empty;
            default:
                return RawShape.Other;
        }
    }

    private static RawShape ScalarOfList(IEnumerable<string> items, out string text, out decimal number)
    {
        text = "";
        number = 0;
        string? only = null;
        var count = 0;
        foreach (var item in items)
        {
            if (++count > 1) return RawShape.Other;
            only = item;
        }
        return count == 0 ? RawShape.Empty : Scalar(only, out text, out number);
    }

    /// <summary>
    /// Several texts (a multi select): a single text, a string array, a JSON array of strings. Blank entries are
    /// dropped, as HTML forms send them for an empty choice. Null when the shape is wrong.
    /// </summary>
    public static List<string>? Texts(object? raw)
    {
        var texts = new List<string>();
        switch (raw)
        {
            case null:
                return texts;
            case string s:
                AddText(texts, s);
                return texts;
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null) continue;
                    if (item.ValueKind != JsonValueKind.String) return null;
                    AddText(texts, item.GetString());
                }
                return texts;
            case JsonElement json:
                var shape = Json(json, out var text, out _);
                if (shape is RawShape.Other or RawShape.Bool) return null;
                AddText(texts, text);
                return texts;
            case IEnumerable<string> items:
                foreach (var item in items) AddText(texts, item);
                return texts;
            default:
                return null;
        }
    }

    private static void AddText(List<string> texts, string? text)
    {
        var trimmed = text?.Trim();
        if (!string.IsNullOrEmpty(trimmed)) texts.Add(trimmed);
    }

    /// <summary>The property of a JSON object by name in any case: stored values may be camelCase or PascalCase.</summary>
    public static bool TryProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value)) return true;
        foreach (var property in obj.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            value = property.Value;
            return true;
        }
        return false;
    }
}
