using System.Reflection;

namespace Scrm.App.Api;

/// <summary>What a request body expects at a field path, in words a client understands ("a string", "a whole number").</summary>
internal static class JsonShape
{
    /// <summary>Null when the path does not lead to a property of <paramref name="bodyType"/>.</summary>
    public static string? Describe(Type? bodyType, string field)
    {
        var type = bodyType;
        foreach (var segment in field.Split('.'))
        {
            if (type is null) return null;
            // An element of a list (items[0]) is described by the list's element type.
            var name = segment.Split('[')[0];
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            type = property?.PropertyType;
            if (type is not null && segment.Contains('[', StringComparison.Ordinal))
                type = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
        }
        return type is null ? null : Words(Nullable.GetUnderlyingType(type) ?? type);
    }

    private static string Words(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 date and time",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "an array",
        _ => "an object",
    };
}
