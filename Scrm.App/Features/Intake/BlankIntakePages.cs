using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Scrm.App.Features.Intake;

/// <summary>
/// The form page as a visitor first sees it (nothing typed, no errors): the same <see cref="IntakePage"/>, rendered once
/// per published form, region link and language and kept as bytes, so that a GET writes those bytes around the two
/// things that are each visitor's own — the antiforgery token and the submission id. Rendering the component for every
/// visitor cost most of a GET (docs/benchmarks.md, issue 7). A form that comes back with the visitor's values and
/// errors is still rendered per request. Publishing makes a new <see cref="IntakeForm"/>, so the old pages go with it.
/// </summary>
public sealed class BlankIntakePages(IServiceProvider services, ILoggerFactory loggers)
{
    // Stand-ins rendered where the per-visitor values go: letters and digits only, which HTML encoding leaves alone.
    private static readonly string TokenMark = "t" + Guid.NewGuid().ToString("N");
    private static readonly string SubmissionMark = Guid.NewGuid().ToString("N");

    private static readonly ConditionalWeakTable<IntakeForm, ConcurrentDictionary<PageKey, Task<Blank>>> Rendered = new();

    /// <summary>The blank page for this request's language, with a fresh antiforgery token (and cookie) and submission id.</summary>
    public async Task<IResult> ShowAsync(HttpContext http, IAntiforgery antiforgery, IntakeForm form, string? region,
        IReadOnlyList<string> deviceModels)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var blank = await PageAsync(form, region, deviceModels, tokens.FormFieldName);
        var (token, submission) = (tokens.RequestToken ?? "", Guid.NewGuid().ToString("N"));
        return KeptPage.Result(response => blank.WriteAsync(response, token, submission));
    }

    /// <summary>The page's bytes for the current culture; rendered again when the device catalogue it lists has changed.</summary>
    internal async Task<Blank> PageAsync(IntakeForm form, string? region, IReadOnlyList<string> deviceModels, string tokenField)
    {
        var pages = Rendered.GetValue(form, _ => new ConcurrentDictionary<PageKey, Task<Blank>>());
        var key = new PageKey(CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, region, tokenField);
        var page = pages.GetOrAdd(key, _ => RenderAsync(form, region, deviceModels, tokenField));
        Blank blank;
        try
        {
            blank = await page;
        }
        catch
        {
            // A render that failed is not kept: the next visitor tries again instead of getting the same failure forever.
            pages.TryRemove(KeyValuePair.Create(key, page));
            throw;
        }
        if (ReferenceEquals(blank.DeviceModels, deviceModels) || blank.DeviceModels.SequenceEqual(deviceModels)) return blank;
        var fresh = RenderAsync(form, region, deviceModels, tokenField);
        pages[key] = fresh;
        return await fresh;
    }

    private async Task<Blank> RenderAsync(IntakeForm form, string? region, IReadOnlyList<string> deviceModels, string tokenField)
    {
        var html = await KeptPage.RenderAsync<IntakePage>(services, loggers, new Dictionary<string, object?>
        {
            [nameof(IntakePage.Form)] = form,
            [nameof(IntakePage.Region)] = region,
            [nameof(IntakePage.Answers)] = IntakeAnswers.Empty with
            {
                Posted = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { [IntakeForm.SubmissionKey] = SubmissionMark },
            },
            [nameof(IntakePage.Antiforgery)] = new AntiforgeryTokenSet(TokenMark, null, tokenField, null),
            [nameof(IntakePage.DeviceModels)] = deviceModels,
        });
        return new Blank(KeptPage.Split(html, TokenMark, SubmissionMark), deviceModels);
    }

    private sealed record PageKey(string Culture, string UiCulture, string? Region, string TokenField);

    /// <summary>The kept page with the device models it lists.</summary>
    internal sealed class Blank(KeptPage page, IReadOnlyList<string> deviceModels)
    {
        public IReadOnlyList<string> DeviceModels => deviceModels;

        public Task WriteAsync(HttpResponse response, string token, string submission)
        {
            // Both values are base64url or hex: nothing in them needs HTML encoding (checked, or the page would break).
            if (!IsPlain(token) || !IsPlain(submission)) throw new InvalidOperationException("An antiforgery token or submission id needs encoding.");
            return page.WriteAsync(response, Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(submission));
        }

        private static bool IsPlain(string value)
        {
            foreach (var c in value)
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')) return false;
            return true;
        }
    }
}
