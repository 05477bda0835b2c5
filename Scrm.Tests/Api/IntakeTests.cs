using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Api;

/// <summary>
/// The public H5 intake at /s/{key} over HTTP: a static page and a plain form post. Each test posts from its own
/// client address, so that the per-address rate limit of one test never refuses another's posts.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PublicIntakeForm(ApiFactory factory)
{
    private const string Repair = "/s/equipment-repair";

    [Fact]
    public async Task ServesTheTemplatesFieldsAsAStaticPageWithoutBlazor()
    {
        var response = await Visitor().GetAsync(Repair);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.ReadHtmlAsync();
        html.ShouldContain("设备报修");
        html.ShouldContain("联系人");
        html.ShouldContain("手机号");
        html.ShouldContain("售后维修");
        html.ShouldContain("所在城市");
        html.ShouldContain("<input type=\"file\" id=\"f-photos\" name=\"photos\" multiple accept=\"image/*\"");
        html.ShouldNotContain("blazor.web.js");
        html.ShouldNotContain("_blazor");
        // Filled in by the technician on site, not by the caller.
        html.ShouldNotContain("更换配件");
        html.ShouldNotContain("完工信息");
    }

    [Fact]
    public async Task TheDeviceModelFieldSuggestsTheCatalogue()
    {
        await using var db = await DbAsync();
        var models = await db.Devices.Select(d => d.Model).Distinct().ToListAsync();

        var html = await (await Visitor().GetAsync(Repair)).ReadHtmlAsync();

        Regex.Match(html, "<input [^>]*name=\"device_model\"[^>]*>").Value.ShouldContain("list=\"models-device_model\"");
        var suggested = Regex.Matches(Regex.Match(html, "<datalist id=\"models-device_model\"[\\s\\S]*?</datalist>").Value, "<option value=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        suggested.ShouldNotBeEmpty();
        suggested.ShouldAllBe(m => models.Contains(m));
    }

    [Fact]
    public async Task ShowsAConditionalFieldHiddenUntilItsConditionHolds()
    {
        var html = await (await Visitor().GetAsync(Repair)).ReadHtmlAsync();

        FieldTag(html, "fault").ShouldContain("hidden");
        FieldTag(html, "contact_name").ShouldNotContain("hidden");
    }

    [Fact]
    public async Task NamesEachMissingFieldBesideItKeepsTheValuesAndSavesNothing()
    {
        var visitor = Visitor();
        var before = await TicketCountAsync();

        var response = await visitor.PostFormAsync(Repair, new() { ["service_kind"] = "售后维修", ["device_model"] = "KX-200" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.ReadHtmlAsync();
        foreach (var key in new[] { "contact_name", "mobile", "fault", "_city", "_address" })
            html.ShouldContain($"data-testid=\"error-{key}\"", customMessage: key);
        html.ShouldNotContain("data-testid=\"error-device_model\"");
        html.ShouldContain("value=\"KX-200\"");
        FieldTag(html, "fault").ShouldNotContain("hidden");
        (await TicketCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task RefusesAnInvalidMobileNumberWithItsOwnMessage()
    {
        var answers = ValidRepair("广州");
        answers["mobile"] = "12345";

        var response = await Visitor().PostFormAsync(Repair, answers);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.ReadHtmlAsync();
        html.ShouldContain("data-testid=\"error-mobile\"");
        html.ShouldContain("不是有效的手机号");
    }

    [Fact]
    public async Task CreatesATicketOfTheTemplatesTypeInTheRegionOfTheChosenCity()
    {
        var phone = NewPhone();
        var answers = ValidRepair("广州");
        answers["mobile"] = phone;

        var response = await Visitor().PostFormAsync(Repair, answers);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.ReadHtmlAsync();
        html.ShouldContain("我们会尽快联系您");
        var number = TicketNumberIn(html);
        await using var db = await DbAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number);
        ticket.Title.ShouldBe("设备报修 · 张先生");
        ticket.Type.ShouldBe(TicketType.Repair);
        ticket.City.ShouldBe("广州");
        ticket.Region.ShouldBe("华南");
        ticket.SiteAddress.ShouldBe("天河路 100 号");
        (await db.Customers.SingleAsync(c => c.Id == ticket.CustomerId)).Phone.ShouldBe(phone);
        ticket.FormKey.ShouldBe("equipment-repair");
        using var values = System.Text.Json.JsonDocument.Parse(ticket.FormValues.ShouldNotBeNull());
        values.RootElement.GetProperty("fault").GetString().ShouldBe("空调不制冷，开机后只吹热风。");
        // The customer is shown the link to follow the ticket: on to its own public progress page.
        var link = Regex.Match(html, "<a [^>]*href=\"([^\"]+)\"[^>]*data-testid=\"tracking-link\"").Groups[1].Value;
        link.ShouldMatch("^/s/equipment-repair/follow/[A-Za-z0-9_-]+$");
        var follow = await Visitor().GetAsync(link);
        follow.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var progressLink = new Uri(factory.Server.BaseAddress, follow.Headers.Location!);
        progressLink.AbsolutePath.ShouldMatch("^/t/[A-Za-z0-9_-]+$");
        var progress = await Visitor().GetAsync(progressLink.PathAndQuery);
        progress.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await progress.ReadHtmlAsync()).ShouldContain(number);
    }

    [Fact]
    public async Task AResubmissionOfTheSameFormFilesOneTicket()
    {
        var visitor = Visitor();
        var answers = ValidRepair("上海");
        answers["_submission"] = Guid.NewGuid().ToString("N");

        var first = TicketNumberIn(await (await visitor.PostFormAsync(Repair, answers)).ReadHtmlAsync());
        var second = TicketNumberIn(await (await visitor.PostFormAsync(Repair, answers)).ReadHtmlAsync());

        second.ShouldBe(first);
    }

    [Fact]
    public async Task AFilledHoneypotIsThankedButNothingIsCreated()
    {
        var before = await TicketCountAsync();
        var answers = ValidRepair("上海");
        answers["_website"] = "http://spam.example";

        var response = await Visitor().PostFormAsync(Repair, answers);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadHtmlAsync()).ShouldContain("我们会尽快联系您");
        (await TicketCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefusedAndSavesNothing()
    {
        var before = await TicketCountAsync();
        var client = Visitor();

        var response = await client.PostAsync(Repair, new FormUrlEncodedContent(ValidRepair("上海")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadHtmlAsync()).ShouldContain("页面已过期");
        (await TicketCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ARegionLinkOffersOnlyThatRegionsCities()
    {
        var visitor = Visitor();
        var html = await (await visitor.GetAsync(Repair + "?region=" + Uri.EscapeDataString("华东"))).ReadHtmlAsync();

        html.ShouldContain("value=\"上海\"");
        html.ShouldNotContain("value=\"广州\"");
        var response = await visitor.PostFormAsync(Repair + "?region=" + Uri.EscapeDataString("华东"), ValidRepair("广州"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadHtmlAsync()).ShouldContain("data-testid=\"error-_city\"");
    }

    [Fact]
    public async Task TheEleventhPostFromOneAddressWithinAMinuteIsRefusedWith429()
    {
        var visitor = Visitor();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await visitor.PostFormAsync(Repair, new() { ["contact_name"] = "x" })).StatusCode);

        statuses.Take(10).ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        statuses[10].ShouldBe(HttpStatusCode.TooManyRequests);
        var refused = await visitor.PostFormAsync(Repair, new() { ["contact_name"] = "x" });
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.ReadHtmlAsync()).ShouldContain("请稍等一分钟后再提交");
        // Reading the form is never limited, and another address still posts.
        (await visitor.GetAsync(Repair)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Visitor().PostFormAsync(Repair, new() { ["contact_name"] = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheQrCodeIsAPngOfTheLink()
    {
        var response = await Visitor().GetAsync(Repair + "/qr.png");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        var png = await response.Content.ReadAsByteArrayAsync();
        png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
    }

    [Theory]
    [InlineData("/s/no-such-form")]
    [InlineData("/s/no-such-form/qr.png")]
    [InlineData("/s/equipment-repair?region=火星")]
    public async Task AnUnknownLinkIsNotFound(string path)
    {
        (await Visitor().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APostToAnUnknownLinkIsNotFound()
    {
        var response = await Visitor().PostAsync("/s/no-such-form", new FormUrlEncodedContent(new Dictionary<string, string>()));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PhotosChosenOnThePageAreKeptWithTheTicket()
    {
        var response = await Visitor().PostMultipartAsync(Repair, ValidRepair("杭州"), ("photos", "故障.png", Files.TestFiles.Png(3000)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var number = TicketNumberIn(await response.ReadHtmlAsync());
        await using var db = await DbAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number);
        var photo = await db.Attachments.SingleAsync(a => a.TicketId == ticket.Id);
        photo.ShouldSatisfyAllConditions(p => p.ContentType.ShouldBe("image/png"), p => p.Size.ShouldBe(3000), p => p.FileName.ShouldBe("故障.png"));
        ticket.FormValues!.ShouldContain(photo.Ref);
    }

    [Fact]
    public async Task APhotoSentWithAMistakeIsKeptByTheFormAndNotAskedForAgain()
    {
        var visitor = Visitor();
        var answers = ValidRepair("杭州");
        answers["mobile"] = "12345";

        var refused = await visitor.PostMultipartAsync(Repair, answers, ("photos", "故障.png", Files.TestFiles.Png()));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await refused.ReadHtmlAsync();
        html.ShouldContain("data-testid=\"kept-file\">✓ 故障.png");
        var kept = Regex.Match(html, "<input type=\"hidden\" name=\"photos\" value=\"(f_[0-9a-f]{32})\"").Groups[1].Value;
        kept.ShouldNotBeNullOrEmpty();

        answers["mobile"] = NewPhone();
        answers["photos"] = kept;
        var accepted = await visitor.PostMultipartAsync(Repair, answers);

        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var number = TicketNumberIn(await accepted.ReadHtmlAsync());
        await using var db = await DbAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number);
        (await db.Attachments.SingleAsync(a => a.Ref == kept)).TicketId.ShouldBe(ticket.Id);
    }

    [Fact]
    public async Task AFileThatIsNotAPhotoIsRefusedBesideTheField()
    {
        var (before, files) = (await TicketCountAsync(), await AttachmentCountAsync());

        var response = await Visitor().PostMultipartAsync(Repair, ValidRepair("杭州"), ("photos", "照片.jpg", Files.TestFiles.Script()));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadHtmlAsync()).ShouldContain("data-testid=\"error-photos\"");
        (await TicketCountAsync()).ShouldBe(before);
        (await AttachmentCountAsync()).ShouldBe(files);
    }

    [Fact]
    public async Task APhotoOverTheFieldsSizeIsRefusedBesideTheFieldAndNothingIsKept()
    {
        var (tickets, files) = (await TicketCountAsync(), await AttachmentCountAsync());

        // The seeded photos field takes at most 5 MB a file.
        var response = await Visitor().PostMultipartAsync(Repair, ValidRepair("杭州"), ("photos", "大图.png", Files.TestFiles.Png(6 * 1024 * 1024)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.ReadHtmlAsync();
        Regex.Match(html, "data-testid=\"error-photos\"[^>]*>([^<]*)<").Groups[1].Value.ShouldContain("文件「大图.png」超过 5242880 字节");
        (await TicketCountAsync()).ShouldBe(tickets);
        (await AttachmentCountAsync()).ShouldBe(files);
    }

    [Theory]
    [InlineData("f_00000000000000000000000000000000")]
    [InlineData("../../etc/passwd")]
    public async Task AKeptFileReferenceChangedInThePageIsRefusedBesideTheField(string tampered)
    {
        var before = await TicketCountAsync();
        var answers = ValidRepair("杭州");
        answers["photos"] = tampered;

        var response = await Visitor().PostMultipartAsync(Repair, answers);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.ReadHtmlAsync();
        Regex.Match(html, "data-testid=\"error-photos\"[^>]*>([^<]*)<").Groups[1].Value.ShouldContain($"文件「{tampered}」不是在此上传的");
        html.ShouldNotContain("data-testid=\"kept-file\"");
        (await TicketCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AFieldThePageDoesNotHaveIsNamedAndNothingIsSaved()
    {
        var before = await TicketCountAsync();
        var answers = ValidRepair("杭州");
        answers["discount"] = "100";

        var response = await Visitor().PostFormAsync(Repair, answers);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Regex.Match(await response.ReadHtmlAsync(), "data-testid=\"intake-errors\"[\\s\\S]*?</div>").Value.ShouldContain("「discount」不是此表单的字段");
        (await TicketCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task TheAddressFieldOffersUseMyLocationWithHiddenLatAndLngInputs()
    {
        var html = await (await Visitor().GetAsync("/s/installation")).ReadHtmlAsync();

        html.ShouldContain("data-testid=\"intake-locate\"");
        html.ShouldContain("使用我的位置");
        html.ShouldContain("<input type=\"hidden\" id=\"f-_lat\" name=\"_lat\"");
        html.ShouldContain("<input type=\"hidden\" id=\"f-_lng\" name=\"_lng\"");
        html.ShouldContain("navigator.geolocation");
    }

    [Fact]
    public async Task APostedLocationIsKeptAsTheAddressFieldsPointAndTheSitesLocation()
    {
        var answers = ValidInstallation("杭州");
        answers["_lat"] = "30.274084";
        answers["_lng"] = "120.15507";

        var response = await Visitor().PostFormAsync(Installation, answers);

        var html = await response.ReadHtmlAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html.Length > 2000 ? html[^2000..] : html);
        var number = TicketNumberIn(html);
        await using var db = await DbAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number);
        using var values = System.Text.Json.JsonDocument.Parse(ticket.FormValues.ShouldNotBeNull());
        // The ticket stores an AddressValue as serialised (Text, Point { Lat, Lng }); names compared without case.
        static System.Text.Json.JsonElement Prop(System.Text.Json.JsonElement e, string name) =>
            e.EnumerateObject().Single(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        var address = Prop(values.RootElement, "address");
        Prop(address, "text").GetString().ShouldBe("文三路 90 号");
        Prop(Prop(address, "point"), "lat").GetDouble().ShouldBe(30.274084);
        Prop(Prop(address, "point"), "lng").GetDouble().ShouldBe(120.15507);
        var site = await db.Sites.SingleAsync(s => s.Id == ticket.SiteId);
        (site.Lat, site.Lng).ShouldBe((30.274084, 120.15507));
    }

    [Theory]
    [InlineData("95", "120.1")]
    [InlineData("30.2", "abc")]
    [InlineData("30.2", "")]
    [InlineData("NaN", "120.1")]
    public async Task ATamperedLocationIsRefusedBesideTheAddressAndNothingIsSaved(string lat, string lng)
    {
        var before = await TicketCountAsync();
        var answers = ValidInstallation("杭州");
        answers["_lat"] = lat;
        answers["_lng"] = lng;

        var response = await Visitor().PostFormAsync(Installation, answers);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.ReadHtmlAsync();
        Regex.Match(html, "data-testid=\"error-address\">[^<]*<").Value.ShouldContain("地图位置的经纬度无效");
        html.ShouldContain("value=\"文三路 90 号\"");
        (await TicketCountAsync()).ShouldBe(before);
    }

    private const string Installation = "/s/installation";

    private static Dictionary<string, string> ValidInstallation(string city) => new()
    {
        ["contact_name"] = "李女士",
        ["mobile"] = NewPhone(),
        ["address"] = "文三路 90 号",
        ["device_model"] = "KX-200",
        ["quantity"] = "2",
        ["preferred_date"] = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["_city"] = city,
    };

    private static Dictionary<string, string> ValidRepair(string city) => new()
    {
        ["contact_name"] = "张先生",
        ["mobile"] = NewPhone(),
        ["service_kind"] = "售后维修",
        ["device_model"] = "KX-200",
        ["fault"] = "空调不制冷，开机后只吹热风。",
        ["_city"] = city,
        ["_address"] = "天河路 100 号",
    };

    private static string NewPhone() => $"138{Random.Shared.Next(10_000_000, 99_999_999)}";

    private static string FieldTag(string html, string key)
    {
        var tag = Regex.Match(html, $"<div [^>]*data-key=\"{key}\"[^>]*>").Value;
        tag.ShouldNotBeNullOrEmpty(key);
        return tag;
    }

    private static string TicketNumberIn(string html)
    {
        var number = Regex.Match(html, "data-testid=\"ticket-number\">([^<]+)<").Groups[1].Value;
        number.ShouldNotBeNullOrEmpty(html.Length > 2000 ? html[^2000..] : html);
        return number;
    }

    /// <summary>A browser-like visitor with cookies, from an address of its own.</summary>
    private IntakeVisitor Visitor()
    {
        var address = IPAddress.Parse($"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");
        var handler = new CookieContainerHandler { InnerHandler = factory.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address) };
        return new IntakeVisitor(new HttpClient(handler) { BaseAddress = factory.Server.BaseAddress });
    }

    private async Task<ScrmDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);

    private async Task<int> AttachmentCountAsync()
    {
        await using var db = await DbAsync();
        return await db.Attachments.CountAsync();
    }

    private async Task<int> TicketCountAsync()
    {
        await using var db = await DbAsync();
        return await db.Tickets.CountAsync();
    }
}

internal static class HtmlResponses
{
    /// <summary>The page's text with character references decoded: the static renderer writes Chinese as &amp;#x...; entities.</summary>
    public static async Task<string> ReadHtmlAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}

/// <summary>Opens the form first, as a browser does, and posts back with its antiforgery token and cookie.</summary>
internal sealed partial class IntakeVisitor(HttpClient client) : IDisposable
{
    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => client.PostAsync(path, content);

    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> answers)
    {
        var page = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        var token = TokenInput().Match(page);
        var fields = new Dictionary<string, string>(answers);
        if (token.Success) fields.TryAdd(WebUtility.HtmlDecode(token.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[2].Value));
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>As a browser posts a form with file inputs: multipart, each file a part named after its field.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string path, Dictionary<string, string> answers,
        params (string Field, string Name, byte[] Bytes)[] files)
    {
        var page = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        var token = TokenInput().Match(page);
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in answers) content.Add(new StringContent(value), key);
        if (token.Success) content.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[2].Value)), WebUtility.HtmlDecode(token.Groups[1].Value));
        foreach (var (field, name, bytes) in files) content.Add(new ByteArrayContent(bytes), field, name);
        return await client.PostAsync(path, content);
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
