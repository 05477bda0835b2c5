using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Intake;
using Scrm.Domain.Forms;

namespace Scrm.Tests.Api;

/// <summary>
/// The blank form page is rendered once per form, link and language and served as bytes with each visitor's own
/// antiforgery token and submission id (<see cref="BlankIntakePages"/>): it must stay exactly the component's page.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class IntakeBlankPage(ApiFactory factory)
{
    private const string Repair = "/s/equipment-repair";

    [Theory]
    [InlineData(null)]
    [InlineData("华东")]
    public async Task IsTheComponentsOwnPageWithTheVisitorsTokenAndSubmission(string? region)
    {
        var link = Repair + (region is null ? "" : "?region=" + Uri.EscapeDataString(region));
        await Visitor().GetAsync(link); // the first visitor has it rendered; the second is served the kept page
        var served = await (await Visitor().GetAsync(link)).Content.ReadAsStringAsync();

        var rendered = await RenderAsync("equipment-repair", region, Token(served), Submission(served), "zh-CN");

        served.ShouldBe(rendered);
    }

    [Fact]
    public async Task GivesEveryVisitorTheirOwnTokenAndEveryViewItsOwnSubmission()
    {
        var first = Visitor();
        var pages = new[]
        {
            await (await first.GetAsync(Repair)).Content.ReadAsStringAsync(),
            await (await first.GetAsync(Repair)).Content.ReadAsStringAsync(),
            await (await Visitor().GetAsync(Repair)).Content.ReadAsStringAsync(),
        };

        pages.Select(Submission).Distinct().Count().ShouldBe(3);
        pages.Select(Token).Distinct().Count().ShouldBe(3);
        pages.All(p => Guid.TryParseExact(Submission(p), "N", out var _)).ShouldBeTrue();
    }

    [Fact]
    public async Task ServesEachLanguageItsOwnPage()
    {
        var chinese = await (await Visitor().GetAsync(Repair)).Content.ReadAsStringAsync();
        var english = await (await Visitor("en").GetAsync(Repair)).Content.ReadAsStringAsync();
        var chineseAgain = await (await Visitor().GetAsync(Repair)).Content.ReadAsStringAsync();

        english.ShouldContain("<html lang=\"en\">");
        english.ShouldContain(">Submit</button>");
        chineseAgain.ShouldContain("<html lang=\"zh-CN\">");
        WebUtility.HtmlDecode(chineseAgain).ShouldContain(">提交</button>");
        english.ShouldBe(await RenderAsync("equipment-repair", null, Token(english), Submission(english), "en"));
        chineseAgain.ShouldBe(await RenderAsync("equipment-repair", null, Token(chineseAgain), Submission(chineseAgain), "zh-CN"));
        Token(chinese).ShouldNotBe(Token(chineseAgain));
    }

    [Fact]
    public async Task APublishedNewVersionIsServedAtOnce()
    {
        var forms = factory.Services.GetRequiredService<FormTemplates>();
        var key = $"b-{Guid.NewGuid():N}"[..24];
        await forms.CreateAsync(AccessScope.System, key, "门店巡检", "Store inspection", Scrm.Domain.Tickets.TicketType.Inspection);
        await forms.SaveDraftAsync(AccessScope.System, key, null, [Field("store_code", "门店编号")]);
        await forms.PublishAsync(AccessScope.System, key, null);
        var before = WebUtility.HtmlDecode(await (await Visitor().GetAsync("/s/" + key)).Content.ReadAsStringAsync());

        await forms.SaveDraftAsync(AccessScope.System, key, null, [Field("store_code", "门店编号"), Field("mall_floor", "商场楼层")]);
        await forms.PublishAsync(AccessScope.System, key, null);
        var after = WebUtility.HtmlDecode(await (await Visitor().GetAsync("/s/" + key)).Content.ReadAsStringAsync());

        before.ShouldContain("门店编号");
        before.ShouldNotContain("商场楼层");
        after.ShouldContain("商场楼层");
    }

    [Fact]
    public async Task IsDrawnAgainWhenTheDeviceCatalogueChangesAndNotWhenItIsTheSame()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        await using var scope = factory.Services.CreateAsyncScope();
        var form = (await scope.ServiceProvider.GetRequiredService<PublicIntake>().FindAsync("equipment-repair", "华南"))!;
        var pages = factory.Services.GetRequiredService<BlankIntakePages>();
        const string field = "__RequestVerificationToken";

        var first = await pages.PageAsync(form, "华南", ["KX-100 老款"], field);
        var same = await pages.PageAsync(form, "华南", new List<string> { "KX-100 老款" }, field);
        var changed = await pages.PageAsync(form, "华南", ["KX-900 新款"], field);

        same.ShouldBeSameAs(first);
        var html = WebUtility.HtmlDecode(await WrittenAsync(changed));
        html.ShouldContain("<option value=\"KX-900 新款\">");
        html.ShouldNotContain("KX-100 老款");
    }

    private static async Task<string> WrittenAsync(BlankIntakePages.Blank blank)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        await blank.WriteAsync(http.Response, "token", Guid.NewGuid().ToString("N"));
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    [Fact]
    public async Task TheLanguageSwitchReturnsToTheRegionLink()
    {
        var html = await (await Visitor().GetAsync(Repair + "?region=" + Uri.EscapeDataString("华东"))).Content.ReadAsStringAsync();

        var english = Regex.Match(html, "<a href=\"([^\"]+)\" lang=\"en\">").Groups[1].Value;
        WebUtility.HtmlDecode(english).ShouldBe("/culture/set?culture=en&redirectUri="
            + Uri.EscapeDataString("/s/equipment-repair?region=" + Uri.EscapeDataString("华东")));
    }

    private static FormField Field(string key, string label) => new() { Key = key, Type = FieldType.Text, LabelZh = label };

    /// <summary>The page as the component draws it for one visitor, rendered on its own (no cache, no request).</summary>
    private async Task<string> RenderAsync(string key, string? region, string token, string submission, string culture)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var form = (await scope.ServiceProvider.GetRequiredService<PublicIntake>().FindAsync(key, region))!;
        var models = form.Offered.Any(f => f.Type == FieldType.DeviceModel)
            ? await scope.ServiceProvider.GetRequiredService<DeviceModels>().PublicCatalogueAsync(PublicIntake.Scope)
            : [];
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var page = await renderer.RenderComponentAsync<IntakePage>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(IntakePage.Form)] = form,
                [nameof(IntakePage.Region)] = region,
                [nameof(IntakePage.Answers)] = IntakeAnswers.Empty with
                {
                    Posted = new Dictionary<string, StringValues> { [IntakeForm.SubmissionKey] = submission },
                },
                [nameof(IntakePage.Antiforgery)] = new AntiforgeryTokenSet(token, null, "__RequestVerificationToken", null),
                [nameof(IntakePage.DeviceModels)] = models,
            }));
            return page.ToHtmlString();
        });
    }

    private static string Token(string html) => Found(TokenInput().Match(html));

    private static string Submission(string html) => Found(SubmissionInput().Match(html));

    private static string Found(Match match)
    {
        match.Success.ShouldBeTrue();
        return match.Groups[1].Value;
    }

    private IntakeVisitor Visitor(string culture = "zh-CN")
    {
        var address = IPAddress.Parse($"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");
        var cookies = new CookieContainer();
        cookies.Add(factory.Server.BaseAddress, new Cookie(".AspNetCore.Culture", $"c={culture}|uic={culture}"));
        var handler = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)
        {
            InnerHandler = factory.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address),
        };
        return new IntakeVisitor(new HttpClient(handler) { BaseAddress = factory.Server.BaseAddress });
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<input type=\"hidden\" name=\"_submission\" value=\"([^\"]+)\"")]
    private static partial Regex SubmissionInput();
}
