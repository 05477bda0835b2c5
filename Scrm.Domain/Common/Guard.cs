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
}
