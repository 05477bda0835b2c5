using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Scrm.App.Features.Intake;

/// <summary>
/// The thank-you page after a valid submission: the same <see cref="IntakeThanks"/>, rendered once per published form,
/// language and page link and kept as bytes, so that a POST writes those bytes around the ticket's number and follow
/// link (<see cref="FollowLinks"/>) instead of rendering a component per submission (as <see cref="BlankIntakePages"/>
/// does for the blank form).
/// The values go in encoded as the renderer encodes them (<see cref="HtmlEncoder.Default"/>). The decoy (honeypot) and
/// a link with an unexpected query string are still rendered per request, so what is kept stays small.
/// </summary>
public sealed class ThanksPages(IServiceProvider services, ILoggerFactory loggers)
{
    // Stand-ins rendered where the per-ticket values go: letters and digits only, which HTML encoding leaves alone.
    private static readonly string NumberMark = "n" + Guid.NewGuid().ToString("N");
    private static readonly string LinkMark = "l" + Guid.NewGuid().ToString("N");

    // The link of a page is /s/{key} with at most ?region=…, which FindAsync checked; more variants than this are not kept.
    private const int MaxPagesPerForm = 32;

    private static readonly ConditionalWeakTable<IntakeForm, ConcurrentDictionary<PageKey, Task<KeptPage>>> Rendered = new();

    /// <summary>The thank-you page for this request (its language and its link) with the ticket's number and follow link.</summary>
    public async Task<IResult> ThanksAsync(HttpContext http, IntakeForm form, string number, string trackingUrl)
    {
        var here = http.Request.Path + http.Request.QueryString;
        var pages = Rendered.GetValue(form, _ => new ConcurrentDictionary<PageKey, Task<KeptPage>>());
        var key = new PageKey(CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, here);
        if (!pages.TryGetValue(key, out var page))
        {
            if (pages.Count >= MaxPagesPerForm || !IsPageLink(http.Request)) return IntakeEndpoints.DirectThanks(form, number, trackingUrl);
            page = pages.GetOrAdd(key, _ => RenderAsync(form, here));
        }
        try
        {
            var kept = await page;
            var (numberBytes, linkBytes) = (Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(number)), Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(trackingUrl)));
            return KeptPage.Result(response => kept.WriteAsync(response, numberBytes, linkBytes));
        }
        catch
        {
            // A render that failed is not kept: the next visitor tries again instead of getting the same failure forever.
            pages.TryRemove(KeyValuePair.Create(key, page));
            throw;
        }
    }

    /// <summary>Only the links a published form's page can have: no query, or one region.</summary>
    private static bool IsPageLink(HttpRequest request) =>
        request.Query.Count == 0 || request.Query.Count == 1 && request.Query.ContainsKey("region");

    private int _renders;

    /// <summary>How many pages this instance has rendered (for tests: a kept page is not rendered again).</summary>
    internal int Renders => Volatile.Read(ref _renders);

    private async Task<KeptPage> RenderAsync(IntakeForm form, string here)
    {
        Interlocked.Increment(ref _renders);
        var html = await KeptPage.RenderAsync<IntakeThanks>(services, loggers, new Dictionary<string, object?>
        {
            [nameof(IntakeThanks.Form)] = form,
            [nameof(IntakeThanks.TicketNumber)] = NumberMark,
            [nameof(IntakeThanks.TrackingUrl)] = LinkMark,
            [nameof(IntakeThanks.Link)] = here,
        });
        return KeptPage.Split(html, NumberMark, LinkMark);
    }

    private sealed record PageKey(string Culture, string UiCulture, string Link);
}
