using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Identity;
using Scrm.App.Features.Shared;
using Scrm.Domain.Geo;

namespace Scrm.App.Features.Admin;

public enum ApiKeyState { Active, Expired, Revoked }

public sealed record ApiKeyRow(long Id, string Name, string Role, string Region, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, ApiKeyState State);

/// <summary>A key just issued: <see cref="Value"/> is shown once and never stored.</summary>
public sealed record IssuedApiKey(long Id, string Name, string Value);

/// <summary>What an Admin sees and does with the REST API's keys: list, issue, revoke. Every change is audited.</summary>
public sealed class ApiKeyAdmin(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
{
    public const int NameMaxLength = 100;
    public const int MaxLifetimeDays = 3650;

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return keys.Select(k => new ApiKeyRow(k.Id, k.Name, k.Role, k.Region, k.CreatedAt, k.ExpiresAt, k.RevokedAt, StateOf(k, now))).ToList();
    }

    /// <summary>Issues a key for <paramref name="role"/> in <paramref name="region"/> (or "*"); no expiry when <paramref name="days"/> is null.</summary>
    public async Task<IssuedApiKey> CreateAsync(AccessScope scope, string name, string role, string region, int? days, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        name = name.Trim();
        var errors = new List<FieldError>();
        if (name.Length == 0) errors.Add(new FieldError("name", "Field.Required", "Name is required.", "name"));
        else if (name.Length > NameMaxLength) errors.Add(new FieldError("name", "Field.TooLong", "Name is too long.", "name", NameMaxLength));
        if (!AppRoles.All.Contains(role)) errors.Add(FieldError.NotOneOf("role", AppRoles.All));
        if (!AdminAccess.IsRegionScope(region))
            errors.Add(FieldError.NotOneOf("region", AdminAccess.RegionScopes));
        if (days is < 1 or > MaxLifetimeDays) errors.Add(new FieldError("days", "Admin.DaysOutOfRange", "Days must be 1 to 3650.", MaxLifetimeDays));
        if (errors.Count > 0) throw new InputRejectedException(errors);

        var value = ApiKeys.NewKeyValue();
        var now = clock.GetUtcNow();
        var key = new ApiKey
        {
            Name = name, KeyHash = ApiKeys.Hash(value), Role = role, Region = region, CreatedAt = now,
            ExpiresAt = days is { } d ? now.AddDays(d) : null,
        };
        await writes.RunAsync(scope, (db, _) =>
        {
            db.ApiKeys.Add(key);
            return Task.FromResult(true);
        }, ct);
        return new IssuedApiKey(key.Id, key.Name, value);
    }

    /// <summary>Revokes the key at once: the next request carrying it is refused.</summary>
    public async Task RevokeAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        var now = clock.GetUtcNow();
        await writes.RunAsync(scope, async (db, token) =>
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, token)
                      ?? throw new NotFoundException("ApiKey", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (key.RevokedAt is not null) throw new Scrm.Domain.Common.DomainRuleException("Admin.KeyAlreadyRevoked", "The key is already revoked.");
            key.RevokedAt = now;
            return true;
        }, ct);
    }

    private static ApiKeyState StateOf(ApiKey key, DateTimeOffset now) =>
        key.RevokedAt is not null ? ApiKeyState.Revoked
        : key.ExpiresAt <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;
}

/// <summary>The Admin check the admin services share; the pages' route check is not enough on its own.</summary>
public static class AdminAccess
{
    /// <summary>The region scopes an account or key may have: one region, or all of them.</summary>
    public static IReadOnlyList<string> RegionScopes { get; } = [.. Regions.All, AccessScope.AllRegionsValue];

    public static bool IsRegionScope(string region) => RegionScopes.Contains(region);

    public static void Ensure(AccessScope scope)
    {
        if (!scope.IsIn(AppRoles.Admin))
            throw new AccessDeniedException("Admin.AdminOnly", "Only an Admin may manage users and API keys.");
    }
}
