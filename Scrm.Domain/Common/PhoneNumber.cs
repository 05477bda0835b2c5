using System.Text.RegularExpressions;

namespace Scrm.Domain.Common;

/// <summary>Mainland China phone numbers: mobile (1xx xxxx xxxx) or landline with area code.</summary>
public static partial class PhoneNumber
{
    public static string Parse(string? value, string field = "phone")
    {
        var digits = Separators().Replace(value?.Trim() ?? "", "");
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        if (Mobile().IsMatch(digits) || Landline().IsMatch(digits)) return digits;
        throw new DomainRuleException("Phone.Invalid", $"'{value}' is not a valid phone number.", field);
    }

    public static bool IsValid(string? value)
    {
        try { Parse(value); return true; }
        catch (DomainRuleException) { return false; }
    }

    /// <summary>138****5678: for roles that may not see the full number.</summary>
    public static string Mask(string phone) =>
        phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : phone;

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}\d{7,8}$")]
    private static partial Regex Landline();
}
