using Scrm.Domain.Common;

namespace Scrm.Domain.Forms;

/// <summary>A form version was refused for publishing; <see cref="Problems"/> names each reason.</summary>
public sealed class FormSchemaException(IReadOnlyList<SchemaProblem> problems)
    : DomainRuleException("Form.SchemaInvalid",
        $"The form cannot be published: {string.Join(" ", problems.Select(p => p.Message))}",
        problems.Count)
{
    public IReadOnlyList<SchemaProblem> Problems { get; } = problems;
}
