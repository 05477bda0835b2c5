using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.App.Features.Customers;
using Scrm.App.Features.Technicians;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>Skills, industries and contact roles are stored in Chinese and shown in English under the English switch.</summary>
[Collection(AppCollection.Name)]
public sealed partial class ReferenceNamesInTheUiLanguage : AppComponentContext
{
    private static readonly string[] ChineseSkills = ["空调维修", "制冷设备", "厨房设备", "咖啡机", "电气", "给排水", "医疗设备", "弱电网络", "电梯", "消防"];
    private static readonly string[] EnglishSkills = ChineseSkills.Select(s => ReferenceText.Skill(s, CultureInfo.GetCultureInfo("en"))).ToArray();

    public ReferenceNamesInTheUiLanguage(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<TechnicianQueries>());
        Services.AddSingleton(app.Get<CustomerQueries>());
        SignIn("管理员 参考", AppRoles.Admin, AccessScope.AllRegionsValue);
    }

    [Theory]
    [InlineData("空调维修", "en", "Air conditioning")]
    [InlineData("空调维修", "zh-CN", "空调维修")]
    [InlineData("电梯", "en", "Elevators")]
    [InlineData("自定义技能", "en", "自定义技能")]
    public void ASkillIsNamedInTheUiLanguageAndAnUnknownOneAsStored(string stored, string culture, string shown) =>
        ReferenceText.Skill(stored, CultureInfo.GetCultureInfo(culture)).ShouldBe(shown);

    [Theory]
    [InlineData("餐饮", "en", "Restaurants")]
    [InlineData("餐饮", "zh-CN", "餐饮")]
    [InlineData("医疗", "en", "Healthcare")]
    public void AnIndustryIsNamedInTheUiLanguage(string stored, string culture, string shown) =>
        ReferenceText.Industry(stored, CultureInfo.GetCultureInfo(culture)).ShouldBe(shown);

    [Theory]
    [InlineData("店长", "en", "Store manager")]
    [InlineData("总部设备主管", "en", "Head-office equipment supervisor")]
    [InlineData("店长", "zh-CN", "店长")]
    public void AContactRoleIsNamedInTheUiLanguage(string stored, string culture, string shown) =>
        ReferenceText.ContactRole(stored, CultureInfo.GetCultureInfo(culture)).ShouldBe(shown);

    [Fact]
    public void TheTechniciansPageShowsEnglishSkillsUnderTheEnglishSwitch()
    {
        using var _ = new UiLanguage("en");

        var cut = RenderPage<TechnicianListPage>();

        cut.WaitForAssertion(() => SkillChips(cut).ShouldNotBeEmpty());
        SkillChips(cut).ShouldContain(s => EnglishSkills.Contains(s));
        SkillChips(cut).ShouldNotContain(s => ChineseSkills.Contains(s));
        cut.Markup.ShouldContain("East China");
    }

    [Fact]
    public void TheTechniciansPageShowsChineseSkillsByDefault()
    {
        using var _ = new UiLanguage("zh-CN");

        var cut = RenderPage<TechnicianListPage>();

        cut.WaitForAssertion(() => SkillChips(cut).ShouldNotBeEmpty());
        SkillChips(cut).ShouldContain(s => ChineseSkills.Contains(s));
        SkillChips(cut).ShouldNotContain(s => EnglishSkills.Contains(s));
    }

    [Fact]
    public async Task TheCustomerPageShowsTheIndustryAndContactRolesInEnglish()
    {
        long id;
        await using (var db = await App.DbAsync())
            id = await db.Customers.Where(c => c.Industry == "餐饮" && c.Contacts.Any(x => x.Role == "店长"))
                .Select(c => c.Id).FirstOrDefaultAsync();
        if (id == 0)
        {
            await using var db = await App.DbAsync();
            id = await db.Customers.Where(c => c.Industry == "餐饮").Select(c => c.Id).FirstAsync();
        }
        using var _ = new UiLanguage("en");

        var cut = RenderPage<CustomerDetailPage>(("Id", id));

        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Restaurants"));
        cut.Markup.ShouldNotContain("餐饮");
        foreach (var role in new[] { "店长", "采购", "行政", "设备主管", "负责人" })
            cut.FindAll("td").Select(td => td.TextContent.Trim()).ShouldNotContain(role);
    }

    private static List<string> SkillChips(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut) =>
        cut.FindAll("[data-testid=technician-table] .mud-chip").Select(c => Level().Replace(c.TextContent.Trim(), "")).ToList();

    [GeneratedRegex(@"\s*Lv\d+$")]
    private static partial Regex Level();

    private sealed class UiLanguage : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public UiLanguage(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
