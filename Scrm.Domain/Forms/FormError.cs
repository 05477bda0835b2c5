namespace Scrm.Domain.Forms;

/// <summary>
/// What is wrong with one field of a submission. <see cref="Code"/> is a stable key the UI localises with
/// <see cref="Args"/>; <see cref="Message"/> is the English fallback.
/// </summary>
public sealed record FormError(string FieldKey, string Code, string Message, IReadOnlyList<object?> Args)
{
    internal static FormError For(FormField field, string code, string message, params object?[] args) =>
        new(field.Key, code, $"{field.DisplayLabel} {message}", args);
}

/// <summary>The codes of <see cref="FormError"/>.</summary>
public static class FormErrorCodes
{
    public const string Required = "Form.Required";
    public const string RequiredToClose = "Form.RequiredToClose";
    public const string UnknownField = "Form.UnknownField";
    /// <summary>A value of the wrong shape, such as a list for a text field.</summary>
    public const string WrongType = "Form.WrongType";
    public const string TooShort = "Form.TooShort";
    public const string TooLong = "Form.TooLong";
    public const string PatternMismatch = "Form.PatternMismatch";
    public const string NotANumber = "Form.NotANumber";
    /// <summary>Not an amount in yuan with at most two decimals (or a whole number of fen).</summary>
    public const string NotAnAmount = "Form.NotAnAmount";
    public const string NotADate = "Form.NotADate";
    public const string NotADateTime = "Form.NotADateTime";
    public const string NotABoolean = "Form.NotABoolean";
    public const string OutOfRange = "Form.OutOfRange";
    public const string NotAnOption = "Form.NotAnOption";
    public const string TooFewChoices = "Form.TooFewChoices";
    public const string TooManyChoices = "Form.TooManyChoices";
    public const string PhoneInvalid = "Form.PhoneInvalid";
    public const string EmailInvalid = "Form.EmailInvalid";
    public const string PointInvalid = "Form.PointInvalid";
    public const string FileInvalid = "Form.FileInvalid";
    public const string FileTooLarge = "Form.FileTooLarge";
    public const string FileTypeNotAllowed = "Form.FileTypeNotAllowed";
    public const string TooFewFiles = "Form.TooFewFiles";
    public const string TooManyFiles = "Form.TooManyFiles";
    public const string SignatureInvalid = "Form.SignatureInvalid";
}
