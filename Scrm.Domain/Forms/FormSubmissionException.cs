using Scrm.Domain.Common;

namespace Scrm.Domain.Forms;

/// <summary>A submission was refused; <see cref="Errors"/> holds one entry per field problem (RFC 7807 "errors").</summary>
public sealed class FormSubmissionException(IReadOnlyList<FormError> errors)
    : DomainRuleException("Form.Invalid",
        $"The form has {errors.Count} error(s): {string.Join(" ", errors.Select(e => e.Message))}",
        errors.Count)
{
    public IReadOnlyList<FormError> Errors { get; } = errors;
}
