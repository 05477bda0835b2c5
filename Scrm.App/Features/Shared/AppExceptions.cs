namespace Scrm.App.Features.Shared;

/// <summary>One bad input field: its name as the client knows it, a stable code and an English message.</summary>
public sealed record FieldError(string Field, string Code, string Message, params object[] Args)
{
    /// <summary>The value is not one of those allowed (an enum name, a role, a region).</summary>
    public static FieldError NotOneOf(string field, string allowed) =>
        new(field, "Field.NotOneOf", $"{field} must be one of {allowed}.", field, allowed);

    public static FieldError NotOneOf(string field, IEnumerable<string> allowed) => NotOneOf(field, string.Join(", ", allowed));

    public static FieldError NotOneOf<T>(string field) where T : struct, Enum =>
        NotOneOf(field, Scrm.Domain.Common.EnumNames.Allowed<T>());
}

/// <summary>The request is malformed; nothing was written.</summary>
public sealed class InputRejectedException(IReadOnlyList<FieldError> errors)
    : Exception("The request has invalid fields: " + string.Join(", ", errors.Select(e => e.Field)))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>Not there, or not visible to the caller: both answer the same so that region data does not leak.</summary>
public sealed class NotFoundException(string what, string key) : Exception($"{what} '{key}' was not found.")
{
    public string What { get; } = what;
    public string Key { get; } = key;
}

/// <summary>The caller's role may not do this.</summary>
public sealed class AccessDeniedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Someone else changed the record since the caller read it; nothing was overwritten.</summary>
public sealed class ConcurrencyConflictException(string changedBy, DateTimeOffset changedAt, long currentVersion)
    : Exception($"Changed by {changedBy} at {changedAt:u}; reload and try again.")
{
    public string ChangedBy { get; } = changedBy;
    public DateTimeOffset ChangedAt { get; } = changedAt;
    public long CurrentVersion { get; } = currentVersion;
}
