using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;

namespace Scrm.App.Features.Identity;

/// <summary>Issues and checks API keys. Keys are 256 random bits; only their SHA-256 is stored.</summary>
public sealed class ApiKeys(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string NewKeyValue() => "scrm_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Stores a key and returns its one-time visible value (or the given value, for the demo key).</summary>
    public async Task<string> IssueAsync(string name, string role, string region, TimeSpan? lifetime, string? value = null, CancellationToken ct = default)
    {
        if (!AppRoles.All.Contains(role)) throw new ArgumentException($"Unknown role {role}.", nameof(role));
        value ??= NewKeyValue();
        var now = clock.GetUtcNow();
        await writes.RunAsync(AccessScope.System, (db, _) =>
        {
            db.ApiKeys.Add(new ApiKey { Name = name, KeyHash = Hash(value), Role = role, Region = region, CreatedAt = now, ExpiresAt = now + lifetime });
            return Task.FromResult(true);
        }, ct);
        return value;
    }

    /// <summary>The live key with this value, or null when it is unknown, revoked or expired.</summary>
    public async Task<ApiKey?> FindActiveAsync(string value, CancellationToken ct = default)
    {
        var hash = Hash(value);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, ct);
        var now = clock.GetUtcNow();
        return key is null || key.RevokedAt is not null || key.ExpiresAt <= now ? null : key;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
