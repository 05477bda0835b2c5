using System.Data;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;

namespace Scrm.App.Features.Admin;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Regions,
    bool Locked, bool Active);

/// <summary>A new account; a Technician account names the technician record it signs in as (and takes that record's region).</summary>
public sealed record NewUser(string Email, string DisplayName, string Role, string Region, string Password, long? TechnicianId = null);

/// <summary>A technician record that has no sign-in account yet, as the users page offers it.</summary>
public sealed record UnlinkedTechnician(long Id, string Name, string City, string Region);

/// <summary>
/// What an Admin does with sign-in accounts. Every change runs through <see cref="UserManager{TUser}"/> inside ONE
/// transaction behind the write gate (the write-path interceptor audits each of its saves as the Admin), so a change
/// of several saves is all or nothing. The last active Admin cannot be locked, deactivated or demoted: that is
/// checked inside the same transaction after the change, so two Admins demoting each other at once cannot both win.
/// </summary>
public sealed class UserAdmin(IDbContextFactory<ScrmDbContext> dbFactory, IServiceScopeFactory scopes, WriteGate gate, TimeProvider clock)
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

    /// <summary>Technician records without an account, in <paramref name="region"/> ("*" for all), for the new-account form.</summary>
    public async Task<IReadOnlyList<UnlinkedTechnician>> UnlinkedTechniciansAsync(AccessScope scope, string region, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await db.Technicians.AsNoTracking()
            .Where(t => t.UserId == null && (region == AccessScope.AllRegionsValue || t.Region == region))
            .OrderBy(t => t.Region).ThenBy(t => t.City).ThenBy(t => t.Name)
            .Select(t => new UnlinkedTechnician(t.Id, t.Name, t.City, t.Region))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Creates an account with one role and one region scope ("*" for all); returns its id. A Technician account is
    /// linked to its technician record in the same transaction (one account per record) and scoped to its region.
    /// </summary>
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
        // A technician's account signs in as a technician record (technician_id), so it must name one.
        else if (request.Role == AppRoles.Technician && request.TechnicianId is null)
            errors.Add(new FieldError("technicianId", "Field.Required", "Pick the technician this account is for.", "technicianId"));
        if (request.Role != AppRoles.Technician && !AdminAccess.IsRegionScope(request.Region))
            errors.Add(FieldError.NotOneOf("region", AdminAccess.RegionScopes));
        if (string.IsNullOrEmpty(request.Password)) errors.Add(new FieldError("password", "Field.Required", "Password is required.", "password"));
        if (errors.Count > 0) throw new InputRejectedException(errors);

        return await ChangeAsync(scope, guardAdmins: false, async (users, db) =>
        {
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            var region = request.Region;
            var claims = new List<Claim>();
            if (request.Role == AppRoles.Technician)
            {
                // Checked inside the transaction behind the gate: two Admins linking one technician at once cannot both.
                var technician = await db.Technicians.FirstOrDefaultAsync(t => t.Id == request.TechnicianId, ct)
                    ?? throw new InputRejectedException([new FieldError("technicianId", "Admin.TechnicianUnknown", "No such technician.")]);
                if (technician.UserId is not null)
                    throw new InputRejectedException([new FieldError("technicianId", "Admin.TechnicianHasAccount", "This technician already has an account.")]);
                region = technician.Region;
                claims.Add(new Claim(AccessScope.TechnicianClaim, technician.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Check(await users.CreateAsync(user, request.Password));
                technician.LinkAccount(user.Id);
            }
            else
            {
                Check(await users.CreateAsync(user, request.Password));
            }
            Check(await users.AddToRoleAsync(user, request.Role));
            claims.Add(new Claim(AccessScope.RegionClaim, region));
            claims.Add(new Claim(AccessScope.DisplayNameClaim, name));
            Check(await users.AddClaimsAsync(user, claims));
            return user.Id;
        }, ct);
    }

    public async Task ResetPasswordAsync(AccessScope scope, string userId, string password, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        if (string.IsNullOrEmpty(password)) throw new InputRejectedException([new FieldError("password", "Field.Required", "Password is required.", "password")]);
        await ChangeAsync(scope, guardAdmins: false, async (users, _) =>
        {
            var user = await FindAsync(users, userId);
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password));
            return true;
        }, ct);
    }

    /// <summary>Locks the account until unlocked (its cookies stop working at the next revalidation), or unlocks it.</summary>
    public async Task SetLockedAsync(AccessScope scope, string userId, bool locked, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await ChangeAsync(scope, guardAdmins: locked, async (users, _) =>
        {
            var user = await FindAsync(users, userId);
            if (locked)
            {
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
            return true;
        }, ct);
    }

    /// <summary>
    /// Deactivates the account: locked out forever and marked, so that only a deliberate reactivation opens it again.
    /// A technician's account stays linked to its technician record: reactivating it gives the same person their jobs
    /// back, and the record is the person, so nobody else should sign in as it meanwhile.
    /// </summary>
    public async Task DeactivateAsync(AccessScope scope, string userId, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await ChangeAsync(scope, guardAdmins: true, async (users, _) =>
        {
            var user = await FindAsync(users, userId);
            if (await IsDeactivatedAsync(users, user)) return false;
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            Check(await users.AddClaimAsync(user, new Claim(DeactivatedClaim, "true")));
            Check(await users.UpdateSecurityStampAsync(user));
            return true;
        }, ct);
    }

    /// <summary>
    /// Opens a deactivated account again (someone who left and came back), with its roles, regions and password as they
    /// were; an Admin who suspects the password resets it as well.
    /// </summary>
    public async Task ReactivateAsync(AccessScope scope, string userId, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        await ChangeAsync(scope, guardAdmins: false, async (users, _) =>
        {
            var user = await FindAsync(users, userId);
            var marks = (await users.GetClaimsAsync(user)).Where(c => c.Type == DeactivatedClaim).ToList();
            if (marks.Count == 0) return false;
            Check(await users.RemoveClaimsAsync(user, marks));
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return true;
        }, ct);
    }

    /// <summary>Gives the account <paramref name="role"/> instead of its current roles.</summary>
    public async Task SetRoleAsync(AccessScope scope, string userId, string role, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        if (!AppRoles.All.Contains(role))
            throw new InputRejectedException([FieldError.NotOneOf("role", AppRoles.All)]);
        await ChangeAsync(scope, guardAdmins: role != AppRoles.Admin, async (users, _) =>
        {
            var user = await FindAsync(users, userId);
            var current = await users.GetRolesAsync(user);
            if (role == AppRoles.Technician && !current.Contains(AppRoles.Technician))
                throw new InputRejectedException([new FieldError("role", "Admin.TechnicianNeedsRecord", "Technician accounts are linked from a technician record.")]);
            var remove = current.Where(r => r != role).ToList();
            if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
            if (!current.Contains(role)) Check(await users.AddToRoleAsync(user, role));
            Check(await users.UpdateSecurityStampAsync(user));
            return true;
        }, ct);
    }

    /// <summary>
    /// Runs one account change as <paramref name="scope"/> in one serializable transaction behind the write gate (the
    /// interceptor sees the open transaction and only audits each save). With <paramref name="guardAdmins"/>, the
    /// change is undone unless an active Admin is left afterwards: checking after the change, inside the transaction,
    /// is what makes two concurrent demotions safe (on SQLite the gate orders them; on SQL Server the serializable
    /// range locks make the second one wait or fail as a deadlock victim, which runs again).
    /// </summary>
    private Task<T> ChangeAsync<T>(AccessScope scope, bool guardAdmins,
        Func<UserManager<ApplicationUser>, ScrmDbContext, Task<T>> change, CancellationToken ct) =>
        // A deadlock victim kept nothing: the change runs again on a fresh scope; one that keeps losing is reported
        // as a busy moment to retry, not as a generic error.
        SqlServerDeadlock.RetryAsync(() => ChangeOnceAsync(scope, guardAdmins, change, ct), DeadlockTries,
            () => new DomainRuleException("Admin.Busy", "Another administrator changed accounts at the same moment; try again."), ct);

    private const int DeadlockTries = 3;

    private async Task<T> ChangeOnceAsync<T>(AccessScope scope, bool guardAdmins,
        Func<UserManager<ApplicationUser>, ScrmDbContext, Task<T>> change, CancellationToken ct)
    {
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<ScrmDbContext>();
        db.Scope = scope;
        var users = s.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        using var turn = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var result = await change(users, db);
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        if (guardAdmins && !await AnActiveAdminIsLeftAsync(db, ct))
            throw new DomainRuleException("Admin.LastAdmin", "The last active Admin cannot be locked, deactivated or demoted.");
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Whether, as the transaction sees it now, some Admin is neither locked nor deactivated.</summary>
    private async Task<bool> AnActiveAdminIsLeftAsync(ScrmDbContext db, CancellationToken ct)
    {
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == AppRoles.Admin && !db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == DeactivatedClaim)
                            select u.LockoutEnd).ToListAsync(ct);
        // LockoutEnd is compared here: SQLite cannot compare DateTimeOffset columns in SQL.
        var now = clock.GetUtcNow();
        return admins.Any(end => !(end > now));
    }

    private static async Task<bool> IsDeactivatedAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == DeactivatedClaim);

    private static async Task<ApplicationUser> FindAsync(UserManager<ApplicationUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new NotFoundException("User", userId);

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
