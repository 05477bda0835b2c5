using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scrm.App.Features.Intake;

namespace Scrm.Tests.Api;

/// <summary>
/// The thank-you page is rendered once per form, link and language and served as bytes with the ticket's own number and
/// progress link (<see cref="ThanksPages"/>): for the customer it must stay exactly the component's page.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class IntakeThanksPage(ApiFactory factory)
{
    private const string Repair = "/s/equipment-repair";

    [Theory]
    [InlineData(null, "zh-CN")]
    [InlineData("华东", "zh-CN")]
    [InlineData(null, "en")]
    public async Task IsTheComponentsOwnPageWithTheTicketsNumberAndLink(string? region, string culture)
    {
        var link = Repair + (region is null ? "" : "?region=" + Uri.EscapeDataString(region));
        await PostAsync(link, culture); // the first submission has it rendered; the second is served the kept page
        var served = await PostAsync(link, culture);

        var number = Number(served);
        var tracking = WebUtility.HtmlDecode(Tracking(served));
        var rendered = await RenderAsync(region, number, tracking, link, culture);

        served.ShouldBe(rendered);
        tracking.ShouldMatch("^/s/equipment-repair/follow/[A-Za-z0-9_-]+$");
        served.ShouldContain($"<html lang=\"{culture}\">");
    }

    [Fact]
    public async Task EverySubmissionGetsItsOwnNumberAndLink()
    {
        var pages = new[] { await PostAsync(Repair, "zh-CN"), await PostAsync(Repair, "zh-CN") };

        pages.Select(Number).Distinct().Count().ShouldBe(2);
        pages.Select(Tracking).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task AKeptPageServesLaterSubmissionsWithoutRenderingAgain()
    {
        var pages = factory.Services.GetRequiredService<ThanksPages>();
        await PostAsync(Repair, "zh-CN");
        var renders = pages.Renders;

        await PostAsync(Repair, "zh-CN");
        await PostAsync(Repair, "zh-CN");

        pages.Renders.ShouldBe(renders);
    }

    [Fact]
    public async Task TheProgressLinkIsTheOneTheTicketKeeps()
    {
        var served = await PostAsync(Repair, "zh-CN");

        // The client follows the follow link's redirect to the progress page, as a browser does.
        var progress = await factory.CreateClient().GetAsync(WebUtility.HtmlDecode(Tracking(served)));

        progress.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await progress.ReadHtmlAsync()).ShouldContain(Number(served));
    }

    [Fact]
    public async Task TheLanguageSwitchReturnsToTheRegionLink()
    {
        var html = await PostAsync(Repair + "?region=" + Uri.EscapeDataString("华东"), "zh-CN");

        var english = Regex.Match(html, "<a href=\"([^\"]+)\" lang=\"en\">").Groups[1].Value;
        WebUtility.HtmlDecode(english).ShouldBe("/culture/set?culture=en&redirectUri="
            + Uri.EscapeDataString("/s/equipment-repair?region=" + Uri.EscapeDataString("华东")));
    }

    /// <summary>The thank-you page as the component draws it for this ticket, rendered on its own (no cache, no request).</summary>
    private async Task<string> RenderAsync(string? region, string number, string tracking, string link, string culture)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var form = (await scope.ServiceProvider.GetRequiredService<PublicIntake>().FindAsync("equipment-repair", region))!;
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var page = await renderer.RenderComponentAsync<IntakeThanks>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(IntakeThanks.Form)] = form,
                [nameof(IntakeThanks.TicketNumber)] = number,
                [nameof(IntakeThanks.TrackingUrl)] = tracking,
                [nameof(IntakeThanks.Link)] = link,
            }));
            return page.ToHtmlString();
        });
    }

    /// <summary>A valid repair request from a visitor of its own (address, cookies, language); the raw page answered.</summary>
    private async Task<string> PostAsync(string link, string culture)
    {
        var address = IPAddress.Parse($"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");
        var cookies = new CookieContainer();
        cookies.Add(factory.Server.BaseAddress, new Cookie(".AspNetCore.Culture", $"c={culture}|uic={culture}"));
        var handler = new CookieContainerHandler(cookies)
        {
            InnerHandler = factory.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address),
        };
        using var visitor = new IntakeVisitor(new HttpClient(handler) { BaseAddress = factory.Server.BaseAddress });
        var response = await visitor.PostFormAsync(link, new Dictionary<string, string>
        {
            ["contact_name"] = "王女士",
            ["mobile"] = $"139{Random.Shared.Next(10_000_000, 99_999_999)}",
            ["service_kind"] = "售后维修",
            ["device_model"] = "KX-200",
            ["fault"] = "冷柜温度降不下来。",
            ["_city"] = "上海",
            ["_address"] = "淮海中路 300 号",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Number(string html) => Found(NumberText().Match(html));

    private static string Tracking(string html) => Found(TrackingHref().Match(html));

    private static string Found(Match match)
    {
        match.Success.ShouldBeTrue();
        return match.Groups[1].Value;
    }

    [GeneratedRegex("data-testid=\"ticket-number\">([^<]+)<")]
    private static partial Regex NumberText();

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"[^>]*data-testid=\"tracking-link\"")]
    private static partial Regex TrackingHref();
}
