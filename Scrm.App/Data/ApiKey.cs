namespace Scrm.App.Data;

/// <summary>A key for the REST API, bound to a role and a region scope. Only its SHA-256 hash is stored.</summary>
public sealed class ApiKey : Scrm.Domain.Common.IAuditable
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Role { get; set; } = "";

    /// <summary>The region the key may touch, or "*" for all.</summary>
    public string Region { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
