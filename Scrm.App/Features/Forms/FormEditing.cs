using System.Globalization;
using System.Text.Json;
using Scrm.App.Features.Files;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Forms;

/// <summary>A ticket's stored form values turned back into what the form renderer edits and the validator reads.</summary>
public static class FormEditing
{
    public static object? Editable(FormField field, JsonElement stored) => field.Type switch
    {
        // Kept in fen; typed in yuan.
        FieldType.Money when stored.TryGetInt64(out var fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        FieldType.Upload => FormFileValues.Files(stored).ToArray(),
        FieldType.Signature => FormFileValues.Signature(stored),
        FieldType.Address when stored.ValueKind == JsonValueKind.Object => Address(stored) ?? (object)stored,
        _ => stored,
    };

    /// <summary>An address as stored (its text and, when it was picked on a map, its point), so an edit keeps the point.</summary>
    public static AddressValue? Address(JsonElement stored)
    {
        try
        {
            return stored.Deserialize<AddressValue>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
