using System.Collections.Frozen;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Common;

/// <summary>
/// The one way text becomes an enum value, at every boundary: a member's name in any case, or the Chinese name the
/// UI shows for it. Everything else is refused, in particular what <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// would take: numbers ("1"), flags-style lists ("Normal,High" is Urgent) and values no member has ("7").
/// </summary>
public static class EnumNames
{
    /// <summary>The value <paramref name="text"/> names, outer whitespace ignored; false for anything else.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum =>
        Table<T>.ByName.TryGetValue(text?.Trim() ?? "", out value);

    /// <summary>The member names a client may send, for error messages: "Low|Normal|High|Urgent".</summary>
    public static string Allowed<T>() where T : struct, Enum => Table<T>.Allowed;

    /// <summary>The Chinese name the UI shows for <paramref name="value"/>, or its member name when it has none.</summary>
    public static string Display<T>(T value) where T : struct, Enum =>
        Table<T>.Display.TryGetValue(value, out var name) ? name : value.ToString();

    private static class Table<T> where T : struct, Enum
    {
        public static readonly IReadOnlyDictionary<T, string> Display = TicketNames.For<T>();

        public static readonly string Allowed = string.Join("|", Enum.GetNames<T>());

        public static readonly FrozenDictionary<string, T> ByName = Build();

        private static FrozenDictionary<string, T> Build()
        {
            var byName = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in Enum.GetNames<T>()) byName.Add(name, Enum.Parse<T>(name));
            // Add, not set: a Chinese name that is also another member's name would make the input ambiguous.
            foreach (var (value, name) in Display) byName.Add(name, value);
            return byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }
}
