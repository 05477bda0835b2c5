using Bunit;
using Microsoft.AspNetCore.Components;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Dispatch.Policies;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>/admin/dispatch: the eight rules of a policy, edited and saved; a Manager starts on, and saves for, their own region.</summary>
[Collection(AppCollection.Name)]
public sealed class DispatchPolicyPageTests : AppComponentContext
{
    public DispatchPolicyPageTests(TestApp app) : base(app) => Services.AddSingleton(app.Get<DispatchPolicies>());

    [Fact]
    public async Task AManagerSavesTheirRegionsPolicyWithANewWeight()
    {
        using var _ = UiCulture.Chinese();
        SignIn("华南经理 策略", AppRoles.Manager, Regions.South);
        var cut = RenderPage<DispatchPolicyPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=policy-rules] tbody tr").Count.ShouldBe(8));
        cut.Find("[data-testid=policy-inherited]").ShouldNotBeNull();
        cut.Find("[data-testid=policy-rules]").TextContent.ShouldContain("距离与路程");

        // The rating's weight, typed into its row.
        var rating = cut.Find("tr[data-criterion=Rating] td:last-child input");
        await rating.ChangeAsync(new ChangeEventArgs { Value = "4.5" });
        await cut.Find("tr[data-criterion=Rating] td:last-child input").BlurAsync(new());
        await cut.Find("[data-testid=policy-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("派单策略已保存"));
        var saved = (await App.Get<DispatchPolicies>().ListAsync(TestApp.Admin)).Single(p => p.TicketType is null && p.Region == Regions.South);
        saved.Weights[DispatchCriterion.Rating].Weight.ShouldBe(4.5);
        (await App.Get<DispatchPolicies>().ForAsync(Scrm.Domain.Tickets.TicketType.Repair, Regions.South)).Id.ShouldBe(saved.Id);
    }

    [Fact]
    public void EachRulesModeAndWeightAreNamedAfterItsCriterionForScreenReaders()
    {
        // The table rows have no visible labels: without these names axe reports unnamed comboboxes and unlabelled inputs.
        using var _ = UiCulture.Chinese();
        SignIn("华东经理 无障碍", AppRoles.Manager, Regions.East);
        var cut = RenderPage<DispatchPolicyPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=policy-rules] tbody tr").Count.ShouldBe(8));

        foreach (var row in cut.FindAll("[data-testid=policy-rules] tbody tr"))
        {
            var criterion = row.QuerySelector("td")!.TextContent.Trim();
            row.QuerySelector("[role=combobox]")!.GetAttribute("aria-label").ShouldBe($"{criterion}：方式");
            row.QuerySelector("input[data-testid=policy-weight]")!.GetAttribute("aria-label").ShouldBe($"{criterion}：权重");
        }
        cut.Find("tr[data-criterion=Distance] [role=combobox]").GetAttribute("aria-label").ShouldBe("距离与路程：方式");
    }

    [Fact]
    public async Task AManagerCannotSaveAPolicyForEveryRegion()
    {
        var manager = TestApp.Scope("test-manager-south", "华南经理", AppRoles.Manager, allRegions: false, Regions.South);

        await Should.ThrowAsync<Scrm.App.Features.Shared.AccessDeniedException>(() => App.Get<DispatchPolicies>().SaveAsync(manager,
            new PolicyView(null, null, null, DispatchWeights.Default, false, 30, 0)));
        await Should.ThrowAsync<Scrm.App.Features.Shared.AccessDeniedException>(() => App.Get<DispatchPolicies>().SaveAsync(manager,
            new PolicyView(null, null, Regions.North, DispatchWeights.Default, false, 30, 0)));
    }
}

