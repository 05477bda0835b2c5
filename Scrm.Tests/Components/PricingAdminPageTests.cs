using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Pricing;
using Scrm.App.Features.Shared;
using Scrm.Domain.Pricing;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>/pricing's editors for the head office's kinds (thresholds) and the regions' (coefficients), on the shared host.</summary>
[Collection(AppCollection.Name)]
public sealed class PricingAdminPageTests : AppComponentContext
{
    public PricingAdminPageTests(TestApp app) : base(app) => Services.AddSingleton(app.Get<PriceBookStore>());

    private PriceBookStore Store => App.Get<PriceBookStore>();

    private void SignInAs(string name, string role, string region = AccessScope.AllRegionsValue)
    {
        SignIn(name, role, region);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static async Task TypeAsync(IRenderedComponent<ContainerFragment> cut, string testId, string value) =>
        await cut.Find($"[data-testid={testId}]").ChangeAsync(new ChangeEventArgs { Value = value });

    private static IRenderedComponent<ContainerFragment> WaitForRules(IRenderedComponent<ContainerFragment> cut, string code)
    {
        cut.WaitForAssertion(() => cut.Find($"[data-testid=rule-{code}]"));
        return cut;
    }

    private static long Fen(string yuan) =>
        (long)(decimal.Parse(yuan.Trim().TrimStart('¥').Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) * 100);

    [Fact]
    public async Task AnAdminAddsAThresholdRuleWithItsFlag()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("价格管理员", AppRoles.Admin);
        var cut = WaitForRules(RenderPage<PricingAdminPage>(("Kind", "Threshold")), "THRESHOLD-GOLD");
        try
        {
            await cut.Find("[data-testid=rule-new]").ClickAsync(new());
            await TypeAsync(cut, "rule-code", "THRESHOLD-BUNIT");
            await TypeAsync(cut, "rule-threshold", "9999999");
            await TypeAsync(cut, "rule-flag", "BoardReview");
            await TypeAsync(cut, "rule-description", "总额超过 ¥9,999,999：董事会审批");
            await cut.Find("[data-testid=rule-save]").ClickAsync(new());

            cut.WaitForAssertion(() => cut.Find("[data-testid=rule-THRESHOLD-BUNIT]").TextContent.ShouldContain("BoardReview"));
            var saved = (await Store.RulesAsync(TestApp.Admin)).Single(r => r.Code == "THRESHOLD-BUNIT");
            saved.Rule.ShouldBe(new Threshold("THRESHOLD-BUNIT", 999_999_900, "BoardReview", "总额超过 ¥9,999,999：董事会审批"));
        }
        finally
        {
            if ((await Store.RulesAsync(TestApp.Admin)).FirstOrDefault(r => r.Code == "THRESHOLD-BUNIT") is { } added)
                await Store.DeleteAsync(TestApp.Admin, added.Id);
        }
    }

    [Fact]
    public async Task AThresholdWithoutAFlagIsRefusedBesideTheFlagField()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("价格管理员", AppRoles.Admin);
        var cut = WaitForRules(RenderPage<PricingAdminPage>(("Kind", "Threshold")), "THRESHOLD-GOLD");

        await cut.Find("[data-testid=rule-new]").ClickAsync(new());
        await TypeAsync(cut, "rule-code", "THRESHOLD-NOFLAG");
        await TypeAsync(cut, "rule-threshold", "5000");
        await TypeAsync(cut, "rule-description", "没有标记");
        await cut.Find("[data-testid=rule-save]").ClickAsync(new());

        var errors = cut.FindAll("[data-testid=rule-editor] .mud-input-control.mud-input-error");
        errors.ShouldHaveSingleItem().QuerySelector("[data-testid=rule-flag]").ShouldNotBeNull();
        (await Store.RulesAsync(TestApp.Admin)).ShouldNotContain(r => r.Code == "THRESHOLD-NOFLAG");
    }

    [Fact]
    public async Task ACoefficientOfZeroIsRefusedWithTheRuleSetsReasonBesideTheFactor()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("华东经理", AppRoles.Manager, "华东");
        var cut = WaitForRules(RenderPage<PricingAdminPage>(("Kind", "Coefficient")), "COEF-SH");

        await cut.Find("[data-testid=rule-new]").ClickAsync(new());
        await TypeAsync(cut, "rule-code", "COEF-HZ");
        await TypeAsync(cut, "rule-city", "杭州");
        await TypeAsync(cut, "rule-factor", "0");
        await cut.Find("[data-testid=rule-save]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=rule-editor] .mud-input-control.mud-input-error").TextContent.ShouldContain("永远不会生效"));
        cut.Find("[data-testid=rule-editor] .mud-input-control.mud-input-error [data-testid=rule-factor]").ShouldNotBeNull();
        (await Store.RulesAsync(TestApp.Admin)).ShouldNotContain(r => r.Code == "COEF-HZ");
    }

    [Fact]
    public async Task AManagerEditsOnlyOwnRegionRulesAndNoneOfHeadOfficesOnThePageOrTheServer()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("华东经理", AppRoles.Manager, "华东");
        var manager = TestApp.Scope("test-manager-east", "华东经理", AppRoles.Manager, allRegions: false, "华东");

        var thresholds = WaitForRules(RenderPage<PricingAdminPage>(("Kind", "Threshold")), "THRESHOLD-GOLD");
        thresholds.Find("[data-testid=rule-new]").HasAttribute("disabled").ShouldBeTrue();
        thresholds.FindAll("[data-testid=rule-THRESHOLD-GOLD] [data-testid=rule-edit]").ShouldBeEmpty();
        await DisposeComponentsAsync();
        var coefficients = WaitForRules(RenderPage<PricingAdminPage>(("Kind", "Coefficient")), "COEF-SH");
        coefficients.FindAll("[data-testid=rule-COEF-SH] [data-testid=rule-edit]").ShouldHaveSingleItem();
        coefficients.FindAll("[data-testid=rule-COEF-CQ]").ShouldBeEmpty();

        await Should.ThrowAsync<AccessDeniedException>(() => Store.SaveAsync(manager, null, new Threshold("THRESHOLD-MGR", 1, "X", "经理阈值"), null));
        await Should.ThrowAsync<AccessDeniedException>(() => Store.SaveAsync(manager, null, new MemberDiscount("MEMBER-MGR", Scrm.Domain.Customers.CustomerTier.Standard, 1), null));
        await Should.ThrowAsync<AccessDeniedException>(() => Store.SaveAsync(manager, null, new RegionalCoefficient("COEF-GZ", "华南", 1.1m, "广州"), null));
        var cq = (await Store.RulesAsync(TestApp.Admin)).Single(r => r.Code == "COEF-CQ");
        await Should.ThrowAsync<AccessDeniedException>(() => Store.SaveAsync(manager, cq.Id, (RegionalCoefficient)cq.Rule with { Region = "华东" }, cq.Version));
    }

    [Fact]
    public async Task TheWhatIfPanelPricesTheSampleTicketWithAnUnsavedCoefficient()
    {
        using var _ = UiCulture.Chinese();
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海", "假设分析样例");
        await App.Get<QuoteService>().AddLineAsync(TestApp.Admin, ticket.Row.Id, new NewQuoteLine("Other", null, 1, PriceFen: 100_000, Description: "样例费用"));
        SignInAs("华东经理", AppRoles.Manager, "华东");
        var cut = WaitForRules(RenderPage<PricingAdminPage>(("Kind", "Coefficient")), "COEF-SH");
        var before = (await Store.RulesAsync(TestApp.Admin)).Single(r => r.Code == "COEF-SH");

        await cut.Find("[data-testid=rule-COEF-SH] [data-testid=rule-edit]").ClickAsync(new());
        await TypeAsync(cut, "rule-factor", "2.1");
        await cut.Find("[data-testid=what-if-run]").ClickAsync(new());

        // ¥1,000 × 1.05 in 上海 today, × 2.1 with the edit: twice as much, whatever the customer's member discount — and nothing saved.
        cut.WaitForAssertion(() => cut.Find("[data-testid=what-if-after]"));
        var (was, would) = (Fen(cut.Find("[data-testid=what-if-before]").TextContent), Fen(cut.Find("[data-testid=what-if-after]").TextContent));
        was.ShouldBeGreaterThan(90_000);
        Math.Abs(would - 2 * was).ShouldBeLessThanOrEqualTo(1);
        (await Store.RulesAsync(TestApp.Admin)).Single(r => r.Code == "COEF-SH").Version.ShouldBe(before.Version);
    }
}
