using Scrm.App.Data;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Tickets;

/// <summary>Which roles may do what to a ticket. Region visibility is the data layer's job, not this one's.</summary>
public static class TicketPermissions
{
    private static readonly HashSet<TicketStatus> FieldWork =
        [TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.OnHold, TicketStatus.Resolved];

    public static bool CanCreate(AccessScope s) => s.IsInAny(AppRoles.Admin, AppRoles.Manager, AppRoles.Dispatcher, AppRoles.Agent);

    public static bool CanAssign(AccessScope s) => s.IsInAny(AppRoles.Admin, AppRoles.Manager, AppRoles.Dispatcher);

    public static bool CanEdit(AccessScope s) => CanCreate(s);

    /// <summary>Office roles and the technician on the job; Finance reads only.</summary>
    public static bool CanComment(AccessScope s) => CanCreate(s) || s.IsIn(AppRoles.Technician);

    /// <summary>Office roles, and the technician on the job (completion fields, the customer's signature); Finance reads only.</summary>
    public static bool CanFillForm(AccessScope s) => CanComment(s);

    /// <summary>Office roles move tickets anywhere the workflow allows; technicians only through their field work.</summary>
    public static bool CanMoveTo(AccessScope s, TicketStatus to) =>
        CanCreate(s) || (s.IsIn(AppRoles.Technician) && FieldWork.Contains(to));

    public static IReadOnlyList<TicketStatus> AllowedMoves(AccessScope s, TicketStatus from) =>
        TicketWorkflow.AllowedFrom(from).Where(to => CanMoveTo(s, to)).ToList();
}
