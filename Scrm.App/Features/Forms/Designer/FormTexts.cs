using System.Globalization;
using Microsoft.Extensions.Localization;
using Scrm.App.Resources;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Forms.Designer;

/// <summary>
/// The words of forms in the user's language: field types, operators, submission errors and schema problems.
/// Literal keys throughout, so that the resource test sees every one.
/// </summary>
public static class FormTexts
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The label people read: English under the English switch when there is one, else the Chinese one.</summary>
    public static string Label(FormField field) =>
        IsEnglish && !string.IsNullOrWhiteSpace(field.LabelEn) ? field.LabelEn
        : !string.IsNullOrWhiteSpace(field.LabelZh) ? field.LabelZh : field.Key;

    public static string Label(FieldOption option) =>
        IsEnglish && !string.IsNullOrWhiteSpace(option.LabelEn) ? option.LabelEn
        : !string.IsNullOrWhiteSpace(option.LabelZh) ? option.LabelZh : option.Value;

    public static string TemplateName(string nameZh, string? nameEn) =>
        IsEnglish && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : nameZh;

    public static string TypeName(this IStringLocalizer<SharedResource> l, FieldType type) => type switch
    {
        FieldType.Text => l["Forms.Type.Text"],
        FieldType.MultiLineText => l["Forms.Type.MultiLineText"],
        FieldType.Number => l["Forms.Type.Number"],
        FieldType.Money => l["Forms.Type.Money"],
        FieldType.Date => l["Forms.Type.Date"],
        FieldType.DateTime => l["Forms.Type.DateTime"],
        FieldType.SingleSelect => l["Forms.Type.SingleSelect"],
        FieldType.MultiSelect => l["Forms.Type.MultiSelect"],
        FieldType.Checkbox => l["Forms.Type.Checkbox"],
        FieldType.Phone => l["Forms.Type.Phone"],
        FieldType.Email => l["Forms.Type.Email"],
        FieldType.Address => l["Forms.Type.Address"],
        FieldType.DeviceModel => l["Forms.Type.DeviceModel"],
        FieldType.Upload => l["Forms.Type.Upload"],
        FieldType.Signature => l["Forms.Type.Signature"],
        FieldType.Section => l["Forms.Type.Section"],
        _ => type.ToString(),
    };

    public static string OperatorName(this IStringLocalizer<SharedResource> l, ConditionOperator op) => op switch
    {
        ConditionOperator.Equals => l["Forms.Op.Equals"],
        ConditionOperator.NotEquals => l["Forms.Op.NotEquals"],
        ConditionOperator.In => l["Forms.Op.In"],
        ConditionOperator.NotIn => l["Forms.Op.NotIn"],
        ConditionOperator.Empty => l["Forms.Op.Empty"],
        ConditionOperator.NotEmpty => l["Forms.Op.NotEmpty"],
        ConditionOperator.GreaterThan => l["Forms.Op.GreaterThan"],
        ConditionOperator.GreaterOrEqual => l["Forms.Op.GreaterOrEqual"],
        ConditionOperator.LessThan => l["Forms.Op.LessThan"],
        ConditionOperator.LessOrEqual => l["Forms.Op.LessOrEqual"],
        ConditionOperator.Contains => l["Forms.Op.Contains"],
        _ => op.ToString(),
    };

    public static string EffectName(this IStringLocalizer<SharedResource> l, ConditionEffect effect) => effect switch
    {
        ConditionEffect.Show => l["Forms.Effect.Show"],
        ConditionEffect.Hide => l["Forms.Effect.Hide"],
        ConditionEffect.Require => l["Forms.Effect.Require"],
        _ => effect.ToString(),
    };

    public static string StatusName(this IStringLocalizer<SharedResource> l, FormVersionStatus status) => status switch
    {
        FormVersionStatus.Draft => l["Forms.Status.Draft"],
        FormVersionStatus.Published => l["Forms.Status.Published"],
        FormVersionStatus.Retired => l["Forms.Status.Retired"],
        _ => status.ToString(),
    };

    /// <summary>A submission error as shown beside its field (the label is already there).</summary>
    public static string Error(this IStringLocalizer<SharedResource> l, FormError error)
    {
        if (error.Code == FormErrorCodes.OutOfRange && error.Args.Count == 2)
        {
            var (min, max) = (Show(error.Args[0]), Show(error.Args[1]));
            if (min is null) return l["Forms.Error.AtMost", max ?? ""];
            if (max is null) return l["Forms.Error.AtLeast", min];
        }
        return Coded(l, error.Code, error.Args.Select(Show).ToArray(), error.Message);
    }

    /// <summary>A reason a schema cannot be published, in the user's language; the English message when there is no text for it.</summary>
    public static string Problem(this IStringLocalizer<SharedResource> l, SchemaProblem problem) =>
        Coded(l, problem.Code, problem.Args.Select(Show).ToArray(), problem.Message);

    private static string Coded(IStringLocalizer<SharedResource> l, string code, object?[] args, string fallback)
    {
        try
        {
            var text = l["Error." + code, args!];
            return text.ResourceNotFound ? fallback : text.Value;
        }
        catch (FormatException)
        {
            // A problem raised with fewer arguments than its text names (the same code has several shapes).
            return fallback;
        }
    }

    private static string? Show(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
