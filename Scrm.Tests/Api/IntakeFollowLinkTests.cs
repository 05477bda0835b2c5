using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Intake;
using Scrm.App.Features.Tracking;

namespace Scrm.Tests.Api;

/// <summary>
/// The thank-you page's follow link (/s/{key}/follow/{pass}, ADR 0043): it leads to the ticket's one progress link, and a
/// pass this app did not make leads nowhere.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class IntakeFollowLink(ApiFactory factory)
{
    private const string Repair = "/s/equipment-repair";

    [Fact]
    public async Task LeadsToTheProgressLinkTheTicketKeepsEveryTime()
    {
        var (number, follow) = await SubmitAsync();

        var first = await OpenAsync(follow);
        var again = await OpenAsync(follow);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location.ShouldBe(again.Headers.Location);
        var ticketId = await TicketIdAsync(number);
        var kept = await factory.Services.GetRequiredService<TrackingLinks>().LinkForAsync(ticketId, CancellationToken.None);
        first.Headers.Location!.AbsolutePath.ShouldBe(new Uri(kept!).AbsolutePath);
        first.Headers.Location.AbsolutePath.ShouldMatch("^/t/[A-Za-z0-9_-]+$");
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("made-up")]
    [InlineData("too-long")]
    public async Task APassThisAppDidNotMakeIsNotFound(string kind)
    {
        var (_, follow) = await SubmitAsync();
        var pass = follow[(follow.LastIndexOf('/') + 1)..];
        var forged = kind switch
        {
            "changed" => pass[..10] + (pass[10] == 'A' ? 'B' : 'A') + pass[11..],
            "made-up" => WebEncoders.Base64UrlEncode(new byte[90]),
            _ => new string('A', 300),
        };

        var response = await OpenAsync($"{Repair}/follow/{forged}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public void APassIsTheTicketsOwnAndServesNoOtherPurpose()
    {
        var links = factory.Services.GetRequiredService<FollowLinks>();
        var path = links.PathFor("equipment-repair", 4711);
        links.TicketOf(path[(path.LastIndexOf('/') + 1)..]).ShouldBe(4711);

        // The same id protected for another purpose (here the tracking tokens') is not a pass.
        var other = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Scrm.Tracking.Token.v1");
        links.TicketOf(WebEncoders.Base64UrlEncode(other.Protect(BitConverter.GetBytes(4711L)))).ShouldBeNull();
        links.TicketOf("").ShouldBeNull();
    }

    /// <summary>A valid repair request from a visitor of its own address: the ticket number and the page's follow link.</summary>
    private async Task<(string Number, string Follow)> SubmitAsync()
    {
        using var visitor = new IntakeVisitor(Client());
        var response = await visitor.PostFormAsync(Repair, new Dictionary<string, string>
        {
            ["contact_name"] = "赵先生",
            ["mobile"] = $"137{Random.Shared.Next(10_000_000, 99_999_999)}",
            ["service_kind"] = "售后维修",
            ["device_model"] = "KX-200",
            ["fault"] = "压缩机不启动。",
            ["_city"] = "上海",
            ["_address"] = "南京西路 1 号",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.ReadHtmlAsync();
        return (NumberText().Match(html).Groups[1].Value, WebUtility.HtmlDecode(FollowHref().Match(html).Groups[1].Value));
    }

    /// <summary>Opens a link without following redirects, as the first hop of a browser.</summary>
    private async Task<HttpResponseMessage> OpenAsync(string link)
    {
        using var client = Client();
        return await client.GetAsync(link);
    }

    private HttpClient Client()
    {
        var address = IPAddress.Parse($"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");
        var handler = new CookieContainerHandler { InnerHandler = factory.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address) };
        return new HttpClient(handler) { BaseAddress = factory.Server.BaseAddress };
    }

    private async Task<long> TicketIdAsync(string number)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        return await db.Tickets.Where(t => t.Number == number).Select(t => t.Id).SingleAsync();
    }

    [GeneratedRegex("data-testid=\"ticket-number\">([^<]+)<")]
    private static partial Regex NumberText();

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"[^>]*data-testid=\"tracking-link\"")]
    private static partial Regex FollowHref();
}
