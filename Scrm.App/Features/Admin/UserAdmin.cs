using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;

namespace Scrm.App.Features.Admin;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Regions,
    bool Locked, bool Active);

public sealed record NewUser(string Email, string DisplayName, string Role, string Region, string Password);

/// <summary>
/// What an Admin does with sign-in accounts. Writes go through <see cref="UserManager{TUser}"/>, whose saves the
/// write-path interceptor gates and audits as the Admin. The last active Admin cannot be locked, deactivated or demoted.
/// </summary>
public sealed class UserAdmin(IDbContextFactory<ScrmDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The claim that marks a deactivated account; it is also locked out for good.</summary>
    public const string DeactivatedClaim = "deactivated";

    public async Task<IReadOnlyList<UserRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(ct);
        var claims = await db.UserClaims.AsNoTracking()
            .Where(c => c.ClaimType == AccessScope.RegionClaim || c.ClaimType == DeactivatedClaim).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserRow(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
                claims.Where(c => c.UserId == u.Id && c.ClaimType == AccessScope.RegionClaim).Select(c => c.ClaimValue!).ToList(),
                u.LockoutEnd > now,
                !claims.Any(c => c.UserId == u.Id && c.ClaimType == DeactivatedClaim)))
            .ToList();
    }

    /// <summary>Creates an account with one role and one region scope ("*" for all); returns its id.</summary>
    public async Task<string> CreateAsync(AccessScope scope, NewUser request, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        var email = request.Email.Trim();
        var name = request.DisplayName.Trim();
        var errors = new List<FieldError>();
        if (email.Length == 0) errors.Add(new FieldError("email", "Field.Required", "Email is required.", "email"));
        else if (!email.Contains('@', StringComparison.Ordinal)) errors.Add(new FieldError("email", "Admin.EmailInvalid", "Not an email address."));
        if (name.Length == 0) errors.Add(new FieldError("displayName", "Field.Required", "Display name is required.", "displayName"));
        else if (name.Length > ApplicationUser.DisplayNameMaxLength)
            errors.Add(new FieldError("displayName", "Field.TooLong", "Display name is too long.", "displayName", ApplicationUser.DisplayNameMaxLength));
        if (!AppRoles.All.Contains(request.Role))
            errors.Add(FieldError.NotOneOf("role", AppRoles.All));
        // A technician's account is tied to a technician record (technician_id), which this form does not make.
        else if (request.Role == AppRoles.Technician)
            errors.Add(new FieldError("role", "Admin.TechnicianNeedsRecord", "Technician accounts are linked from a technician record."));
        if (!AdminAccess.IsRegionScope(request.Region))
            errors.Add(FieldError.NotOneOf("region", AdminAccess.RegionScopes));
        if (string.IsNullOrEmpty(request.Password)) errors.Add(new FieldError("password", "Field.Required", "Password is required.", "password"));
        if (errors.Count > 0) throw new InputRejectedException(errors);

        await using var s = Users(scope, out var users);
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Check(await users.CreateAsync(user, request.Password));
        try
        {
            Check(await users.AddToRoleAsync(user, request.Role));
            Check(await users.AddClaimsAsync(user, [new Claim(AccessScope.RegionClaim, request.Region), new Claim(AccessScope.DisplayNameClaim, name)]));
        }
        catch
        {
            await users.DeleteAsync(user);
            throw;
        }
        return user.Id;
    }

    public async Task ResetPasswordAsync(AccessScope scope, string userId, string password, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        if (string.IsNullOrEmpty(password)) throw new InputRejectedException([new FieldError("password", "Field.Required", "Password is required.", "password")]);
        await using var s = Users(scope, out var users);
        var user = await FindAsync(users, userId);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password));
    }

    /// <summary>Locks the account until unlocked (its cookies stop working at the next revalidation), or unlocks it.</summary>
    public async Task SetLockedAsync(AccessScope scope, string userId, bool locked, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await using var s = Users(scope, out var users);
        var user = await FindAsync(users, userId);
        if (locked)
        {
            await EnsureNotLastAdminAsync(users, user, ct);
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            Check(await users.UpdateSecurityStampAsync(user));
        }
        else
        {
            if (await IsDeactivatedAsync(users, user))
                throw new DomainRuleException("Admin.UserDeactivated", "A deactivated account cannot be unlocked.");
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
        }
    }

    /// <summary>Deactivates the account: locked out forever and marked, so that only a deliberate reactivation opens it again.</summary>
    public async Task DeactivateAsync(AccessScope scope, string userId, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await using var s = Users(scope, out var users);
        var user = await FindAsync(users, userId);
        if (await IsDeactivatedAsync(users, user)) return;
        await EnsureNotLastAdminAsync(users, user, ct);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Check(await users.AddClaimAsync(user, new Claim(DeactivatedClaim, "true")));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>
    /// Opens a deactivated account again (someone who left and came back), with its roles, regions and password as they
    /// were; an Admin who suspects the password resets it as well.
    /// </summary>
    public async Task ReactivateAsync(AccessScope scope, string userId, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await using var s = Users(scope, out var users);
        var user = await FindAsync(users, userId);
        var marks = (await users.GetClaimsAsync(user)).Where(c => c.Type == DeactivatedClaim).ToList();
        if (marks.Count == 0) return;
        Check(await users.RemoveClaimsAsync(user, marks));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>Gives the account <paramref name="role"/> instead of its current roles.</summary>
    public async Task SetRoleAsync(AccessScope scope, string userId, string role, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        if (!AppRoles.All.Contains(role))
            throw new InputRejectedException([FieldError.NotOneOf("role", AppRoles.All)]);
        await using var s = Users(scope, out var users);
        var user = await FindAsync(users, userId);
        var current = await users.GetRolesAsync(user);
        if (role == AppRoles.Technician && !current.Contains(AppRoles.Technician))
            throw new InputRejectedException([new FieldError("role", "Admin.TechnicianNeedsRecord", "Technician accounts are linked from a technician record.")]);
        if (role != AppRoles.Admin) await EnsureNotLastAdminAsync(users, user, ct);
        var remove = current.Where(r => r != role).ToList();
        if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
        if (!current.Contains(role)) Check(await users.AddToRoleAsync(user, role));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Refuses when <paramref name="user"/> is the only active Admin left: nobody could manage the system after.</summary>
    private async Task EnsureNotLastAdminAsync(UserManager<ApplicationUser> users, ApplicationUser user, CancellationToken ct)
    {
        if (!await users.IsInRoleAsync(user, AppRoles.Admin) || !IsActive(user) || await IsDeactivatedAsync(users, user)) return;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var others = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == AppRoles.Admin && u.Id != user.Id
                                  && !db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == DeactivatedClaim)
                            select u).AsNoTracking().ToListAsync(ct);
        if (!others.Any(u => !(u.LockoutEnd > now)))
            throw new DomainRuleException("Admin.LastAdmin", "The last active Admin cannot be locked, deactivated or demoted.");
    }

    private bool IsActive(ApplicationUser user) => !(user.LockoutEnd > clock.GetUtcNow());

    private static async Task<bool> IsDeactivatedAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == DeactivatedClaim);

    private static async Task<ApplicationUser> FindAsync(UserManager<ApplicationUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new NotFoundException("User", userId);

    /// <summary>A DI scope whose context records the Admin as the actor of every Identity save.</summary>
    private AsyncServiceScope Users(AccessScope scope, out UserManager<ApplicationUser> users)
    {
        var s = scopes.CreateAsyncScope();
        s.ServiceProvider.GetRequiredService<ScrmDbContext>().Scope = scope;
        users = s.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return s;
    }

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded) return;
        throw new InputRejectedException(result.Errors.Select(e => e.Code switch
        {
            "DuplicateUserName" or "DuplicateEmail" => new FieldError("email", "Admin.EmailTaken", e.Description),
            "InvalidEmail" or "InvalidUserName" => new FieldError("email", "Admin.EmailInvalid", e.Description),
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => new FieldError("password", "Admin.PasswordRejected", e.Description, e.Description),
            _ => new FieldError("user", "Admin.IdentityRejected", e.Description, e.Description),
        }).DistinctBy(e => (e.Field, e.Code, e.Message)).ToList());
    }
}
