using System.Text.RegularExpressions;

namespace Scrm.Tests.Api;

/// <summary>
/// Outside Development the app serves its build output's assets (Program.cs): a page's fingerprinted stylesheets and
/// scripts must be cacheable for good, or every page load asks the server for each of them again before its first
/// paint (issue 6, ADR 0044); the same file under its plain name changes in place and must be revalidated.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class StaticAssetCaching(ApiFactory factory)
{
    [Fact]
    public async Task FingerprintedStylesheetLinkedByAPageIsImmutable()
    {
        var client = factory.Client(apiKey: null);
        var page = await client.GetStringAsync("/Account/Login");
        var href = AccountStylesheet().Match(page).Groups["href"].Value;
        href.ShouldNotBe("account.css", "the page should link the fingerprinted file");

        var response = await client.GetAsync("/" + href);

        response.EnsureSuccessStatusCode();
        response.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        response.Headers.CacheControl.ToString().ShouldContain("immutable");
    }

    [Fact]
    public async Task StylesheetUnderItsPlainNameIsRevalidated()
    {
        var response = await factory.Client(apiKey: null).GetAsync("/account.css");

        response.EnsureSuccessStatusCode();
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
    }

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>account[^"]*\.css)" """)]
    private static partial Regex AccountStylesheet();
}
