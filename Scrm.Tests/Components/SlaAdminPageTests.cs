using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>/admin/sla on the shared host: an Admin edits a calendar field by field; a Manager only reads.</summary>
[Collection(AppCollection.Name)]
public sealed class SlaAdminPageTests : AppComponentContext
{
    public SlaAdminPageTests(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<SlaSettings>());
        Services.AddSingleton(app.Get<SlaRepair>());
    }

    private void SignInAs(string name, string role)
    {
        SignIn(name, role, AccessScope.AllRegionsValue);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private async Task<StoredCalendar> SouthAsync() =>
        (await App.Get<SlaSettings>().ListAsync(TestApp.Admin)).Calendars.Single(c => c.Calendar.Region == Regions.South);

    private async Task<IRenderedComponent<ContainerFragment>> EditSouthAsync()
    {
        var south = await SouthAsync();
        var cut = RenderPage<SlaAdminPage>();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=calendar-{south.Id}]"));
        await cut.Find($"[data-testid=calendar-{south.Id}] [data-testid=edit-calendar]").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=calendar-editor]"));
        return cut;
    }

    [Fact]
    public async Task AnAdminAddsAHolidayToARegionsCalendar()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("SLA 管理员", AppRoles.Admin);
        var holiday = new DateOnly(2031, 1, 2);
        var cut = await EditSouthAsync();

        await cut.Find("[data-testid=holidays-new]").InputAsync(new ChangeEventArgs { Value = "2031-01-02" });
        await cut.Find("[data-testid=holidays-add]").ClickAsync(new());
        cut.FindAll("[data-testid=holidays-day]").Select(d => d.TextContent.Trim()).ShouldContain("2031-01-02");
        await cut.Find("[data-testid=save-calendar]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=calendar-editor]").ShouldBeEmpty());
        (await SouthAsync()).Calendar.Holidays.ShouldContain(holiday);
        Snackbars(cut).ShouldContain("已保存");
    }

    [Fact]
    public async Task AnUnknownTimeZoneIsShownBesideItsFieldAndNothingIsSaved()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("SLA 管理员", AppRoles.Admin);
        var before = await SouthAsync();
        var cut = await EditSouthAsync();

        await cut.Find("[data-testid=calendar-zone]").ChangeAsync(new ChangeEventArgs { Value = "Mars/Olympus" });
        await cut.Find("[data-testid=save-calendar]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=calendar-editor] .mud-input-error").TextContent.ShouldContain("未知的时区“Mars/Olympus”"));
        (await SouthAsync()).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task AManagerReadsTheSettingsWithoutAnythingToEdit()
    {
        using var _ = UiCulture.Chinese();
        SignInAs("SLA 经理", AppRoles.Manager);

        var cut = RenderPage<SlaAdminPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=policy-standard]").TextContent.ShouldContain("标准"));
        cut.Find("[data-testid=sla-read-only]");
        cut.FindAll("[data-testid=edit-calendar]").ShouldBeEmpty();
        cut.FindAll("[data-testid=edit-policy]").ShouldBeEmpty();
        cut.FindAll("[data-testid=sla-repair]").ShouldBeEmpty();
    }
}
