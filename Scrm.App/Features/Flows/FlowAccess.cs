using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows;

/// <summary>Who designs which flow: Admins the head-office flows and every region's; a Manager their own regions' flows, reading the head office's.</summary>
public static class FlowAccess
{
    public static bool MayDesign(AccessScope scope) => scope.IsInAny(AppRoles.Admin, AppRoles.Manager);

    public static void EnsureDesigner(AccessScope scope)
    {
        if (!MayDesign(scope)) throw new AccessDeniedException("Flow.DesignDenied", "Your role may not design flows.");
    }

    public static bool MayRead(AccessScope scope, FlowTemplate flow) =>
        scope.IsIn(AppRoles.Admin) || (scope.IsIn(AppRoles.Manager) && (flow.Region is null || scope.CanSeeRegion(flow.Region)));

    public static bool MayEdit(AccessScope scope, string? region) =>
        scope.IsIn(AppRoles.Admin) || (region is not null && scope.IsIn(AppRoles.Manager) && scope.CanSeeRegion(region));

    public static void EnsureEdit(AccessScope scope, string? region)
    {
        if (!MayEdit(scope, region)) throw Denied(region);
    }

    public static AccessDeniedException Denied(string? region) => region is null
        ? new AccessDeniedException("Flow.HeadOfficeDenied", "Only an Admin edits head-office flows.")
        : new AccessDeniedException("Flow.RegionDenied", $"Your account may not edit the flows of {region}.");
}
