namespace Scrm.Domain.Common;

/// <summary>A business rule refused the operation. <see cref="Code"/> is a stable key the UI localises.</summary>
public class DomainRuleException(string code, string message, params object[] args) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>Values the localised message is formatted with, in order.</summary>
    public IReadOnlyList<object> Args { get; } = args;
}
