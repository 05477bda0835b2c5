using System.Reflection;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Settlement;
using Scrm.Tests.Components;
using Scrm.Tests.Infrastructure;
using Shouldly;

namespace Scrm.Tests.Settlement;

/// <summary>/settlement and /settlement/plans on the shared host, with bills delivered to settlement in months of their own.</summary>
[Collection(AppCollection.Name)]
public sealed class SettlementPageTests : AppComponentContext
{
    public SettlementPageTests(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<SettlementQueries>());
        Services.AddSingleton(app.Get<SettlementPeriods>());
        Services.AddSingleton(app.Get<SettlementSetup>());
    }

    private void SignInAs(string name, string role, string region = AccessScope.AllRegionsValue)
    {
        SignIn(name, role, region);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task FinanceSeesThePeriodsCommissionPartnersAndTicketsAndClosesIt()
    {
        using var _ = UiCulture.Chinese();
        var chengdu = SettlementKit.Bill(SettlementKit.At(2022, 8, 3), 801, 50_000, 20_000, region: "西南", city: "成都");
        var shanghai = SettlementKit.Bill(SettlementKit.At(2022, 8, 4), 802, 30_000, 31_000);
        await App.DeliverAsync(chengdu, shanghai);
        SignInAs("财务小王", AppRoles.Finance);

        var cut = RenderPage<SettlementPage>(("Period", "2022-08"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=commission-801]"));
        cut.Find("[data-testid=commission-801]").TextContent.ShouldContain("¥40.00");  // 8 % of ¥500
        cut.Find("[data-testid=partner-chengdu-rongcheng]").TextContent.ShouldContain("¥370.00");  // 70 % of ¥500 + ¥20
        cut.Find("[data-testid=total-margin]").TextContent.ShouldContain("¥290.00");
        cut.Find("[data-testid=settlement-state]").TextContent.ShouldContain("未结账");

        // The click's handler waits for the confirmation, so it is awaited only after the dialog was answered.
        var closing = cut.Find("[data-testid=settlement-close]").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find(".mud-dialog"));
        cut.Find(".mud-dialog").TextContent.ShouldContain("2022-08");
        await cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("结账")).ClickAsync(new());
        await closing;

        cut.WaitForAssertion(() => cut.Find("[data-testid=settlement-state]").TextContent.ShouldContain("财务小王"));
        cut.FindAll("[data-testid=settlement-close]").ShouldBeEmpty();
        Snackbars(cut).ShouldContain("2022-08 已结账");
    }

    [Fact]
    public async Task AManagerSeesOnlyTheirRegionAndCannotClose()
    {
        var east = SettlementKit.Bill(SettlementKit.At(2022, 9, 3), 803, 10_000, region: "华东", city: "南京");
        var north = SettlementKit.Bill(SettlementKit.At(2022, 9, 4), 804, 20_000, region: "华北", city: "北京");
        await App.DeliverAsync(east, north);
        SignInAs("华东经理", AppRoles.Manager, "华东");

        var cut = RenderPage<SettlementPage>(("Period", "2022-09"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=commission-803]"));
        cut.FindAll("[data-testid=commission-804]").ShouldBeEmpty();
        cut.Find("[data-testid=ticket-table]").TextContent.ShouldContain(east.TicketNumber);
        cut.Find("[data-testid=ticket-table]").TextContent.ShouldNotContain(north.TicketNumber);
        cut.FindAll("[data-testid=settlement-close]").ShouldBeEmpty();
        cut.Find("[data-testid=export-statement]").GetAttribute("href").ShouldBe("/settlement/2022-09/statement.xlsx");
    }

    [Fact]
    public void ThePageIsForFinanceAdminAndManagersAndThePlansForAdminsOnly()
    {
        Roles<SettlementPage>().ShouldBe([AppRoles.Admin, AppRoles.Finance, AppRoles.Manager], ignoreOrder: true);
        Roles<SettlementPlansPage>().ShouldBe([AppRoles.Admin]);
    }

    [Fact]
    public async Task AnAdminSavingATierGapSeesWhyBesideTheTierAndNothingIsSaved()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("结算管理员", AppRoles.Admin);
        var cut = RenderPage<SettlementPlansPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-standard]"));

        await cut.Find("[data-testid=new-plan]").ClickAsync(new());
        await cut.Find("[data-testid=plan-key]").ChangeAsync(new ChangeEventArgs { Value = "gap-plan" });
        await cut.Find("[data-testid=plan-name]").ChangeAsync(new ChangeEventArgs { Value = "有空档的方案" });
        await cut.Find("[data-testid=tier-1] [data-testid=tier-from]").ChangeAsync(new ChangeEventArgs { Value = "40" });
        await cut.Find("[data-testid=save-plan]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid='error-tiers[1]']").TextContent.ShouldContain("空档"));
        (await App.Get<SettlementSetup>().LoadAsync()).Plans.ShouldNotContain(p => p.Key == "gap-plan");
    }

    private static string[] Roles<TPage>() =>
        typeof(TPage).GetCustomAttribute<AuthorizeAttribute>()!.Roles!.Split(',');
}
