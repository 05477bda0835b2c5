using Scrm.App.Data;
using Scrm.App.Features.Shared;

namespace Scrm.App.Features.Settlement;

/// <summary>Who may do what with settlement; the region and the technician's own work are narrowed by the query filters.</summary>
public static class SettlementAccess
{
    /// <summary>The page and the exports: Finance and Admin see every region, a Manager their own.</summary>
    public const string Readers = $"{AppRoles.Admin},{AppRoles.Finance},{AppRoles.Manager}";

    /// <summary>Closing a period.</summary>
    public const string Closers = $"{AppRoles.Admin},{AppRoles.Finance}";

    public static void EnsureReader(AccessScope scope)
    {
        if (!scope.IsInAny(AppRoles.Admin, AppRoles.Finance, AppRoles.Manager))
            throw new AccessDeniedException("Settlement.Forbidden", "Only Finance, Admin and a region's Manager read settlement.");
    }

    public static void EnsureCloser(AccessScope scope)
    {
        if (!scope.IsInAny(AppRoles.Admin, AppRoles.Finance))
            throw new AccessDeniedException("Settlement.CloseForbidden", "Only Finance and Admin close a settlement period.");
    }

    public static void EnsureAdmin(AccessScope scope)
    {
        if (!scope.IsIn(AppRoles.Admin))
            throw new AccessDeniedException("Settlement.AdminOnly", "Only an Admin edits commission plans, partners and shares.");
    }
}
