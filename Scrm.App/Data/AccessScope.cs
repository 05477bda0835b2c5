using System.Security.Claims;
using Scrm.Domain.Common;

namespace Scrm.App.Data;

/// <summary>
/// What the current user may see and who they are, applied by the data layer's query filters.
/// Built from the signed-in principal (cookie or API key); never from anything the client sends.
/// </summary>
public sealed record AccessScope(Actor Actor, IReadOnlySet<string> Roles, bool AllRegions, string[] Regions, long? TechnicianId)
{
    public const string RegionClaim = "region";
    public const string AllRegionsValue = "*";
    public const string TechnicianClaim = "technician_id";
    public const string DisplayNameClaim = "display_name";

    /// <summary>Seeding and background work: everything, recorded as the system.</summary>
    public static readonly AccessScope System = new(Actor.System, new HashSet<string> { AppRoles.Admin }, true, [], null);

    /// <summary>The default for a context nobody scoped: filtered data is invisible.</summary>
    public static readonly AccessScope Nobody = new(new Actor("anonymous", "anonymous"), new HashSet<string>(), false, [], null);

    public bool IsIn(string role) => Roles.Contains(role);

    public bool IsInAny(params string[] roles) => roles.Any(Roles.Contains);

    public bool CanSeeRegion(string region) => AllRegions || Regions.Contains(region);

    /// <summary>Finance works with money and the warehouse with parts, not with callers' numbers: they read phones masked.</summary>
    public bool MayReadPhones => !IsInAny(AppRoles.Finance, AppRoles.Warehouse) || IsIn(AppRoles.Admin);

    /// <summary>A phone number as this caller may read it.</summary>
    public string Phone(string phone) => MayReadPhones ? phone : PhoneNumber.Mask(phone);

    public static AccessScope From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Nobody;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var name = user.FindFirstValue(DisplayNameClaim) ?? user.Identity.Name ?? id;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var regions = user.FindAll(RegionClaim).Select(c => c.Value).ToArray();
        long? technicianId = long.TryParse(user.FindFirstValue(TechnicianClaim), out var t) ? t : null;
        // A technician sees their own work only, whatever region claims the account carries.
        if (roles.Contains(AppRoles.Technician) && technicianId is null) return Nobody with { Actor = new Actor(id, name) };
        return new AccessScope(new Actor(id, name), roles, regions.Contains(AllRegionsValue),
            regions.Where(r => r != AllRegionsValue).ToArray(),
            roles.Contains(AppRoles.Technician) ? technicianId : null);
    }
}
