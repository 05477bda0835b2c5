namespace Scrm.App.Components.Layout;

/// <summary>
/// The phone bar's title: the name of the section the page belongs to, as the menu calls it, so that a narrow screen
/// says where the user is; the product name where no section matches (sign-in, not found).
/// </summary>
public static class AppBarTitle
{
    public const string ProductName = "Scrm";

    // Longest prefix first: /admin/dispatch is the dispatch policies page, not the dispatch board.
    private static readonly (string Prefix, string Key)[] Sections =
    [
        ("admin/notifications", "Notify.Nav"), ("admin/dispatch", "Nav.DispatchPolicies"), ("admin/users", "Nav.Users"),
        ("admin/api-keys", "Nav.ApiKeys"), ("admin/events", "Nav.ParkedEvents"), ("admin/sla", "Nav.Sla"),
        ("admin/channels", "Nav.Channels"), ("designer/forms", "Nav.FormDesigner"), ("designer/flows", "Nav.FlowDesigner"),
        ("tickets", "Nav.Tickets"), ("board", "Nav.Board"), ("customers", "Nav.Customers"), ("catalog", "Nav.Catalog"),
        ("pricing", "Nav.Pricing"), ("my", "Home.MyJobs"), ("dispatch", "Nav.Dispatch"), ("technicians", "Nav.Technicians"),
        ("dashboards", "Nav.Dashboards"), ("settlement", "Nav.Settlement"),
    ];

    /// <summary>The resource key of the section <paramref name="relativePath"/> (base-relative, e.g. "tickets/12?x=1") is in, or null.</summary>
    public static string? KeyFor(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0].Trim('/');
        foreach (var (prefix, key) in Sections)
        {
            if (path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)) return key;
        }
        return null;
    }
}
