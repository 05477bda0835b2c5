using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.App.Data.Seed;
using Scrm.App.Features.Customers;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>
/// Display names carry a Chinese role title (华东经理 周明) and cities are stored in Chinese: the English UI translates the
/// title and the city, never the person's own name, and the Chinese UI shows both as stored.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PeopleAndCitiesInTheUiLanguage : AppComponentContext
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    public PeopleAndCitiesInTheUiLanguage(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<CustomerQueries>());
        SignIn("华东调度 英文", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData("华东经理 周明", "East China Manager 周明")]
    [InlineData("华南调度 陈杰", "South China Dispatcher 陈杰")]
    [InlineData("西南调度 何静", "Southwest China Dispatcher 何静")]
    [InlineData("技师 张伟", "Technician 张伟")]
    [InlineData("客服 王芳", "Agent 王芳")]
    [InlineData("财务 赵敏", "Finance 赵敏")]
    [InlineData("管理员 刘洋", "Admin 刘洋")]
    [InlineData("系统管理员", "System administrator")]
    [InlineData("系统", "System")]
    [InlineData("华东仓管 孙强", "East China Warehouse 孙强")]
    [InlineData("华东经理周明", "East China Manager 周明")]
    [InlineData("技师张伟", "Technician 张伟")]
    [InlineData("技师·张伟", "Technician 张伟")]
    [InlineData("客服：王芳", "Agent 王芳")]
    [InlineData("华南调度", "South China Dispatcher")]
    [InlineData("财务", "Finance")]
    public void ARoleTitleIsTranslatedAndThePersonsNameKept(string stored, string shown) =>
        ReferenceText.Person(stored, En).ShouldBe(shown);

    [Theory]
    [InlineData("周明")]
    [InlineData("API · 对接系统")]
    [InlineData("华东 周明")]
    [InlineData("店长 王强")]
    [InlineData("技师abc")]
    [InlineData("华东")]
    public void ANameWithoutAKnownTitleIsShownAsStored(string stored) =>
        ReferenceText.Person(stored, En).ShouldBe(stored);

    [Theory]
    [InlineData("华东经理 周明")]
    [InlineData("系统管理员")]
    public void TheChineseUiShowsTheNameAsStored(string stored) =>
        ReferenceText.Person(stored, CultureInfo.GetCultureInfo("zh-CN")).ShouldBe(stored);

    [Fact]
    public void NoSeededDemoUserKeepsAChineseTitleInEnglish()
    {
        foreach (var user in DemoSeeder.Users.Where(u => u.Name.Length > 0))
        {
            var english = ReferenceText.Person(user.Name, En);
            english.Split(' ')[0].ShouldMatch("^[A-Za-z]+$", $"{user.Name} → {english}");
        }
    }

    [Theory]
    [InlineData("上海", "en", "Shanghai")]
    [InlineData("呼和浩特", "en", "Hohhot")]
    [InlineData("成都", "en", "Chengdu")]
    [InlineData("上海", "zh-CN", "上海")]
    [InlineData("拉萨", "en", "拉萨")]
    public void ACityIsNamedInTheUiLanguageAndAnUnknownOneAsStored(string stored, string culture, string shown) =>
        ReferenceText.City(stored, CultureInfo.GetCultureInfo(culture)).ShouldBe(shown);

    [Fact]
    public void EveryDemoSkillIndustryAndContactRoleHasItsEnglishNameInTheReferenceData()
    {
        foreach (var skill in DemoCatalog.Skills) ReferenceText.Skill(skill.Chinese, En).ShouldBe(skill.English);
        foreach (var industry in DemoCatalog.Industries)
            ReferenceText.Industry(industry.Name, En).ShouldMatch("^[A-Z][a-z -]+$", industry.Name);
        foreach (var role in DemoCatalog.ContactRoles.Append(DemoCatalog.HeadOfficeRole))
            ReferenceText.ContactRole(role.Chinese, En).ShouldBe(role.English);
        ReferenceText.Industry("医疗", En).ShouldBe("Healthcare");
        ReferenceText.Skill("电梯", En).ShouldBe("Elevators");
        ReferenceText.ContactRole("总部设备主管", En).ShouldBe("Head-office equipment supervisor");
        ReferenceText.Industry("医疗", CultureInfo.GetCultureInfo("zh-CN")).ShouldBe("医疗");
    }

    [Fact]
    public void CityNamesLiveInTheReferenceDataNotInTheUiStrings()
    {
        ReferenceData.CityNames.Select(c => c.Chinese).ShouldBe(ReferenceData.Cities.Select(c => c.Name));
        ReferenceData.CityNames.Single(c => c.Chinese == "石家庄").English.ShouldBe("Shijiazhuang");
        var strings = new System.Resources.ResourceManager(typeof(Scrm.App.Resources.SharedResource));
        foreach (var city in ReferenceData.Cities) strings.GetString("City." + city.Name, En).ShouldBeNull(city.Name);
    }

    [Fact]
    public void TheCreateDialogListsCitiesByTheirEnglishNameInEnglish()
    {
        List<string> shown;
        using (UiCulture.English())
            shown = CreateTicketDialog.CitiesInUiOrder(ReferenceData.Cities).Select(c => ReferenceText.City(c.Name)).ToList();

        shown.ShouldBe(shown.Order(StringComparer.OrdinalIgnoreCase).ToList());
        shown[0].ShouldBe("Beijing");
        shown.Count.ShouldBe(ReferenceData.Cities.Count);
        using (UiCulture.Chinese())
            CreateTicketDialog.CitiesInUiOrder(ReferenceData.Cities).Select(c => c.Region).ShouldBe(
                ReferenceData.Cities.Select(c => c.Region).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryServedCityHasAnEnglishName()
    {
        foreach (var city in ReferenceData.Cities)
            ReferenceText.City(city.Name, En).ShouldMatch("^[A-Z][a-z]+$", city.Name);
    }

    [Fact]
    public async Task TheTicketPageInEnglishShowsTheCityAndTheActorsTitleInEnglish()
    {
        var ticket = await App.Tickets.CreateAsync(TestApp.Dispatcher(Regions.East, "华东调度 孙磊"), TestApp.NewRequest("上海"));
        using var _ = UiCulture.English();

        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Ticket.Row.Number));

        cut.WaitForAssertion(() => cut.Find("[data-testid=timeline]").TextContent.ShouldContain("East China Dispatcher 孙磊"));
        cut.Find("[data-testid=timeline]").TextContent.ShouldNotContain("华东调度");
        cut.FindAll("td").Select(td => td.TextContent).ShouldContain(t => t.Contains("Shanghai"));
        cut.Markup.ShouldNotContain("上海 ·");
    }

    [Fact]
    public async Task TheTicketPageInChineseIsUnchanged()
    {
        var ticket = await App.Tickets.CreateAsync(TestApp.Dispatcher(Regions.East, "华东调度 孙磊"), TestApp.NewRequest("上海"));
        using var _ = UiCulture.Chinese();

        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Ticket.Row.Number));

        cut.WaitForAssertion(() => cut.Find("[data-testid=timeline]").TextContent.ShouldContain("华东调度 孙磊"));
        cut.FindAll("td").Select(td => td.TextContent).ShouldContain(t => t.Contains("上海 ·"));
        cut.Markup.ShouldNotContain("Shanghai");
    }

    [Fact]
    public async Task TheCustomerPageInEnglishNamesTheSitesCities()
    {
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "苏州");
        using var _ = UiCulture.English();

        var cut = RenderPage<CustomerDetailPage>(("Id", ticket.CustomerId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=sites]").TextContent.ShouldContain("Suzhou"));
        cut.FindAll("[data-testid=sites] td").Select(td => td.TextContent.Trim()).ShouldNotContain("苏州");
    }

    [Fact]
    public void AConflictInEnglishNamesWhoChangedTheTicketWithAnEnglishTitle()
    {
        using var _ = UiCulture.English();

        var text = Services.GetRequiredService<ErrorMessages>().For(new ConcurrencyConflictException("华东经理 周明", DateTimeOffset.UnixEpoch, 2));

        text.ShouldStartWith("Changed by East China Manager 周明 at ");
    }
}
