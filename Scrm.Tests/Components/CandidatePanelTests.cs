using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Dispatch.ControlRoom;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Components;

/// <summary>"Why this technician": the panel ranks, explains each criterion and says why the excluded ones are out.</summary>
public sealed class CandidatePanelTests : BunitContext, IAsyncLifetime
{
    public CandidatePanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }

    private static readonly GeoPoint Site = new(31.2304, 121.4737);

    private static TechnicianFacts Technician(long id, string name, GeoPoint at, bool onLeave = false, string? certificate = null) =>
        new(id, name, Regions.East, new HashSet<string>(), new Dictionary<string, int> { ["咖啡机"] = 4 },
            certificate is null ? new HashSet<string>() : new HashSet<string> { certificate }, 4.5, 1, 1, 8, at, OnShift: true, OnLeave: onLeave);

    private static CandidateList Ranked()
    {
        var job = new DispatchJob(7, Regions.East, "上海", Site, "咖啡机", 1, null, null);
        var technicians = new[]
        {
            Technician(1, "近的王伟", new GeoPoint(31.235, 121.48)),
            Technician(2, "远的李强", new GeoPoint(31.40, 121.60)),
            Technician(3, "休假的张敏", new GeoPoint(31.231, 121.474), onLeave: true),
        };
        var ranked = DispatchScorer.Rank(job, technicians, DispatchWeights.Default, TravelModel.Default);
        return new CandidateList(7, "GD-20261127-0007", 3, job, true,
            new PolicyView(null, null, null, DispatchWeights.Default, false, 30, 0), ranked);
    }

    [Fact]
    public void TheTopCandidateComesFirstWithItsEightReasonsAndTheExcludedSayWhy()
    {
        using var _ = UiCulture.Chinese();

        var cut = Render<CandidatePanel>(p => p.Add(c => c.List, Ranked()));

        var rows = cut.FindAll("[data-testid=candidate]");
        rows.Select(r => r.GetAttribute("data-technician-id")).ShouldBe(["1", "2"]);
        var breakdown = rows[0].QuerySelectorAll("[data-testid=breakdown] tr");
        breakdown.Length.ShouldBe(8);
        rows[0].TextContent.ShouldContain("咖啡机 4 级（需 1 级）");
        rows[0].TextContent.ShouldContain("公里");
        cut.Find("[data-testid=excluded] [data-testid=excluded-why]").TextContent.ShouldBe("休假中");
        cut.Find("[data-testid=job-needs]").TextContent.ShouldContain("需要：咖啡机");
    }

    [Fact]
    public async Task ChoosingACandidateHandsItToThePage()
    {
        CandidateScore? chosen = null;
        var cut = Render<CandidatePanel>(p => p.Add(c => c.List, Ranked())
            .Add(c => c.Assign, EventCallback.Factory.Create<CandidateScore>(this, c => chosen = c)));

        await cut.FindAll("[data-testid=assign-candidate]")[1].ClickAsync(new());

        chosen.ShouldNotBeNull().Technician.Name.ShouldBe("远的李强");
    }

    [Fact]
    public void InEnglishTheReasonsAreEnglish()
    {
        using var _ = UiCulture.English();

        var cut = Render<CandidatePanel>(p => p.Add(c => c.List, Ranked()));

        cut.Find("[data-testid=excluded-why]").TextContent.ShouldBe("On leave");
        cut.Find("[data-testid=candidate]").TextContent.ShouldContain("level 4 (needs 1)");
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
