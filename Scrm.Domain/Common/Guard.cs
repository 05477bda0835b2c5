namespace Scrm.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength, bool required = true)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0)
            throw new DomainRuleException("Field.Required", $"{field} is required.", field);
        if (trimmed.Length > maxLength)
            throw new DomainRuleException("Field.TooLong", $"{field} is longer than {maxLength} characters.", field, maxLength);
        return trimmed;
    }

    /// <summary>Refuses a value no member of <typeparamref name="T"/> has, such as a cast number or a flags combination.</summary>
    public static T Defined<T>(T value, string field) where T : struct, Enum
    {
        if (Enum.IsDefined(value)) return value;
        var allowed = EnumNames.Allowed<T>();
        throw new DomainRuleException("Field.NotOneOf", $"{field} must be one of {allowed}.", field, allowed);
    }
}
