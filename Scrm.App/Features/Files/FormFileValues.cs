using System.Text.Json;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Files;

/// <summary>
/// The files a form value names, whichever shape it arrives in: StoredFile(s) from a page, JSON as a ticket keeps it
/// ({"ref", "contentType", "size", "fileName"}), or a signature the API sent as a data URL.
/// </summary>
public static class FormFileValues
{
    public static IReadOnlyList<StoredFile> Files(object? value) => value switch
    {
        StoredFile one => [one],
        IEnumerable<StoredFile> many => many.ToList(),
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(FromJson).OfType<StoredFile>().ToList(),
        JsonElement { ValueKind: JsonValueKind.Object } json when FromJson(json) is { } file => [file],
        _ => [],
    };

    /// <summary>A StoredFile, a data-URL string, or null when unsigned.</summary>
    public static object? Signature(object? value) => value switch
    {
        StoredFile file => file,
        string { Length: > 0 } dataUrl => dataUrl,
        JsonElement { ValueKind: JsonValueKind.Object } json => FromJson(json),
        JsonElement { ValueKind: JsonValueKind.String } text when text.GetString() is { Length: > 0 } dataUrl => dataUrl,
        _ => null,
    };

    private static StoredFile? FromJson(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object
        && Text(json, "ref") is { } fileRef && Text(json, "contentType") is { } contentType
        && Property(json, "size") is { ValueKind: JsonValueKind.Number } size && size.TryGetInt64(out var bytes)
            ? new StoredFile(fileRef, contentType, bytes, Text(json, "fileName"))
            : null;

    // Stored by the ticket in PascalCase (System.Text.Json's default), sent by the API in camelCase.
    private static JsonElement? Property(JsonElement json, string name) =>
        json.TryGetProperty(name, out var camel) ? camel
        : json.TryGetProperty(char.ToUpperInvariant(name[0]) + name[1..], out var pascal) ? pascal : null;

    private static string? Text(JsonElement json, string name) =>
        Property(json, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
