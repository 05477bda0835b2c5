using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Forms;

namespace Scrm.App.Features.Forms;

/// <summary>Who designs which template: Admins every one; a Manager their own regions' variants, reading the head office's.</summary>
public static class FormAccess
{
    public static bool MayDesign(AccessScope scope) => scope.IsInAny(AppRoles.Admin, AppRoles.Manager);

    public static void EnsureDesigner(AccessScope scope)
    {
        if (!MayDesign(scope)) throw new AccessDeniedException("Form.DesignDenied", "Your role may not design ticket templates.");
    }

    public static bool MayRead(AccessScope scope, FormTemplate template) =>
        scope.IsIn(AppRoles.Admin) || (scope.IsIn(AppRoles.Manager) && (template.Region is null || scope.CanSeeRegion(template.Region)));

    public static bool MayEdit(AccessScope scope, string? region) =>
        region is null ? scope.IsIn(AppRoles.Admin) : scope.IsIn(AppRoles.Admin) || (scope.IsIn(AppRoles.Manager) && scope.CanSeeRegion(region));

    public static void EnsureEdit(AccessScope scope, string? region)
    {
        if (!MayEdit(scope, region)) throw Denied(region);
    }

    public static AccessDeniedException Denied(string? region) => region is null
        ? new AccessDeniedException("Form.HeadOfficeDenied", "Only an Admin edits head-office templates.")
        : new AccessDeniedException("Form.RegionDenied", $"Your account may not edit the {region} variant.");
}
