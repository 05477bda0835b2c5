using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Scrm.App.Components.Layout;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;

namespace Scrm.Tests.Components;

/// <summary>The phone bar names the page's section; the ticket pages refuse the Warehouse role on the server.</summary>
public sealed class LayoutTitleAndRoles
{
    [Theory]
    [InlineData("tickets", "Nav.Tickets")]
    [InlineData("tickets/HD-20261128-0001", "Nav.Tickets")]
    [InlineData("board?compact=1", "Nav.Board")]
    [InlineData("customers/12", "Nav.Customers")]
    [InlineData("my", "Home.MyJobs")]
    [InlineData("dispatch", "Nav.Dispatch")]
    [InlineData("admin/dispatch", "Nav.DispatchPolicies")]
    [InlineData("admin/notifications", "Notify.Nav")]
    [InlineData("designer/flows/3", "Nav.FlowDesigner")]
    [InlineData("catalog", "Nav.Catalog")]
    public void ThePhoneBarNamesTheSectionOfThePage(string path, string key) =>
        AppBarTitle.KeyFor(path).ShouldBe(key);

    [Theory]
    [InlineData("")]
    [InlineData("not-found")]
    [InlineData("myself")]
    [InlineData("boards")]
    public void ThePhoneBarShowsTheProductNameWhereNoSectionMatches(string path) =>
        AppBarTitle.KeyFor(path).ShouldBeNull();

    [Theory]
    [InlineData(typeof(TicketListPage))]
    [InlineData(typeof(TicketDetailPage))]
    [InlineData(typeof(BoardPage))]
    public void TheTicketPagesAdmitEveryRoleButTheWarehouse(Type page)
    {
        var roles = page.GetCustomAttribute<AuthorizeAttribute>()!.Roles!.Split(',');

        roles.ShouldNotContain(AppRoles.Warehouse);
        roles.ShouldBe(AppRoles.All.Where(r => r != AppRoles.Warehouse), ignoreOrder: true);
    }
}
