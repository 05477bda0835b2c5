namespace Scrm.Domain.Forms;

/// <summary>Why a form version cannot be published; <see cref="FieldKey"/> is null for the form as a whole.</summary>
public sealed record SchemaProblem(string? FieldKey, string Code, string Message, IReadOnlyList<object> Args)
{
    internal SchemaProblem(string? fieldKey, string code, string message) : this(fieldKey, code, message, []) { }
}

/// <summary>The codes of <see cref="SchemaProblem"/>.</summary>
public static class SchemaProblemCodes
{
    public const string NoFields = "FormSchema.NoFields";
    public const string TooManyFields = "FormSchema.TooManyFields";
    public const string BadKey = "FormSchema.BadKey";
    public const string BadType = "FormSchema.BadType";
    public const string DuplicateKey = "FormSchema.DuplicateKey";
    public const string MissingLabel = "FormSchema.MissingLabel";
    public const string TooLong = "FormSchema.TooLong";
    public const string NoOptions = "FormSchema.NoOptions";
    public const string BadOption = "FormSchema.BadOption";
    public const string DuplicateOption = "FormSchema.DuplicateOption";
    public const string MinAboveMax = "FormSchema.MinAboveMax";
    public const string BadLength = "FormSchema.BadLength";
    public const string BadPattern = "FormSchema.BadPattern";
    public const string BadFileLimit = "FormSchema.BadFileLimit";
    public const string BadDefault = "FormSchema.BadDefault";
    public const string DefaultNotAllowed = "FormSchema.DefaultNotAllowed";
    public const string ConditionUnknownField = "FormSchema.ConditionUnknownField";
    public const string ConditionOnSection = "FormSchema.ConditionOnSection";
    /// <summary>A condition on the field itself or a later field: the rule that keeps conditions free of cycles.</summary>
    public const string ConditionForwardReference = "FormSchema.ConditionForwardReference";
    public const string OperatorNotApplicable = "FormSchema.OperatorNotApplicable";
    public const string BadOperand = "FormSchema.BadOperand";
    public const string EmptyGroup = "FormSchema.EmptyGroup";
    public const string ConditionTooDeep = "FormSchema.ConditionTooDeep";
    public const string SectionCannotBeRequired = "FormSchema.SectionCannotBeRequired";
    public const string HiddenKeyUnknown = "FormSchema.HiddenKeyUnknown";
    public const string VariantKeyClash = "FormSchema.VariantKeyClash";
}
