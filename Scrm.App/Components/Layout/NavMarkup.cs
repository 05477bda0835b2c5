using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Scrm.App.Data;
using Scrm.App.Resources;

namespace Scrm.App.Components.Layout;

/// <summary>The main navigation's HTML, per set of visible entries, language and active entry. As MudNavLinks inside AuthorizeViews the menu was ~45 components held by every circuit; as one string per role set, language and section it is shared by all (MainLayout renders it into the drawer).</summary>
public static class NavMarkup
{
    private const string Office = $"{AppRoles.Admin},{AppRoles.Manager},{AppRoles.Dispatcher}";
    private const string Leads = $"{AppRoles.Admin},{AppRoles.Manager}";

    /// <summary>The entries in menu order: who sees each (null: every signed-in user), its link, icon and label key.</summary>
    public static readonly IReadOnlyList<(string? Roles, string Href, string Icon, string Key)> Entries =
    [
        // Warehouse keeps the parts and their stock: the catalog is its work; tickets and customers are not.
        (AppRoles.TicketReaders, "/tickets", Icons.Material.Filled.Assignment, "Nav.Tickets"),
        ($"{Office},{AppRoles.Agent},{AppRoles.Technician}", "/board", Icons.Material.Filled.ViewKanban, "Nav.Board"),
        ($"{Office},{AppRoles.Agent},{AppRoles.Finance}", "/customers", Icons.Material.Filled.Storefront, "Nav.Customers"),
        (null, "/catalog", Icons.Material.Filled.Inventory2, "Nav.Catalog"),
        (Leads, "/pricing", Icons.Material.Filled.PriceChange, "Nav.Pricing"),
        (AppRoles.Technician, "/my", Icons.Material.Filled.Handyman, "Home.MyJobs"),
        (Office, "/dispatch", Icons.Material.Filled.Map, "Nav.Dispatch"),
        (Office, "/technicians", Icons.Material.Filled.Engineering, "Nav.Technicians"),
        (Leads, "/dashboards", Icons.Material.Filled.Insights, "Nav.Dashboards"),
        (Leads, "/designer/forms", Icons.Material.Filled.DynamicForm, "Nav.FormDesigner"),
        (Leads, "/designer/flows", Icons.Material.Filled.AccountTree, "Nav.FlowDesigner"),
        (Leads, "/admin/dispatch", Icons.Material.Filled.Tune, "Nav.DispatchPolicies"),
        (Features.Settlement.SettlementAccess.Readers, "/settlement", Icons.Material.Filled.AccountBalance, "Nav.Settlement"),
        (AppRoles.Admin, "/admin/users", Icons.Material.Filled.ManageAccounts, "Nav.Users"),
        (AppRoles.Admin, "/admin/api-keys", Icons.Material.Filled.Key, "Nav.ApiKeys"),
        (AppRoles.Admin, "/admin/events", Icons.Material.Filled.ReportProblem, "Nav.ParkedEvents"),
        (AppRoles.Admin, "/admin/sla", Icons.Material.Filled.Timer, "Nav.Sla"),
        (AppRoles.Admin, "/admin/channels", Icons.Material.Filled.Forum, "Nav.Channels"),
        (AppRoles.Admin, "/admin/notifications", Icons.Material.Filled.NotificationsActive, "Notify.Nav"),
    ];

    private static readonly ConcurrentDictionary<(string Culture, long Visible, int Active), MarkupString> Cache = new();

    /// <summary>The menu <paramref name="user"/> sees on <paramref name="path"/>, in the current UI culture.</summary>
    public static MarkupString For(ClaimsPrincipal? user, string path, IStringLocalizer<SharedResource> l)
    {
        var visible = Visible(user);
        var active = Active(path, visible);
        return Cache.GetOrAdd((CultureInfo.CurrentUICulture.Name, visible, active), key => Build(key.Visible, key.Active, l));
    }

    /// <summary>The entries <paramref name="user"/> may see, one bit each, by the role rule AuthorizeView applies (any listed role).</summary>
    public static long Visible(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return 0;
        long visible = 0;
        for (var i = 0; i < Entries.Count; i++)
        {
            if (Entries[i].Roles is not { } roles || roles.Split(',').Any(user.IsInRole)) visible |= 1L << i;
        }
        return visible;
    }

    /// <summary>The visible entry the path is in (NavLink's prefix match), or -1.</summary>
    public static int Active(string path, long visible)
    {
        var page = "/" + path.Split('?', '#')[0].Trim('/');
        for (var i = 0; i < Entries.Count; i++)
        {
            var href = Entries[i].Href;
            if ((visible & (1L << i)) != 0 && (page == href || page.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase))) return i;
        }
        return -1;
    }

    private static MarkupString Build(long visible, int active, IStringLocalizer<SharedResource> l)
    {
        var html = new StringBuilder();
        html.Append("<nav class=\"mud-navmenu mud-navmenu-default\" aria-label=\"").Append(WebUtility.HtmlEncode(l["Nav.Main"])).Append("\">");
        for (var i = 0; i < Entries.Count; i++)
        {
            if ((visible & (1L << i)) == 0) continue;
            var (_, href, icon, key) = Entries[i];
            html.Append("<div class=\"mud-nav-item\"><a href=\"").Append(href).Append("\" class=\"mud-nav-link mud-ripple")
                .Append(i == active ? " active\" aria-current=\"page\">" : "\">")
                .Append("<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">")
                .Append(icon).Append("</svg><div class=\"mud-nav-link-text\">").Append(WebUtility.HtmlEncode(l[key])).Append("</div></a></div>");
        }
        return new MarkupString(html.Append("</nav>").ToString());
    }
}
