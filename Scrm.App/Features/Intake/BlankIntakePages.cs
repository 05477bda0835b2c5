using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

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
        return new BlankResult(blank, tokens.RequestToken ?? "", Guid.NewGuid().ToString("N"));
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
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            var output = await renderer.RenderComponentAsync<IntakePage>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(IntakePage.Form)] = form,
                [nameof(IntakePage.Region)] = region,
                [nameof(IntakePage.Answers)] = IntakeAnswers.Empty with
                {
                    Posted = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { [IntakeForm.SubmissionKey] = SubmissionMark },
                },
                [nameof(IntakePage.Antiforgery)] = new AntiforgeryTokenSet(TokenMark, null, tokenField, null),
                [nameof(IntakePage.DeviceModels)] = deviceModels,
            }));
            return output.ToHtmlString();
        });
        return Blank.Split(html, deviceModels);
    }

    private sealed record PageKey(string Culture, string UiCulture, string? Region, string TokenField);

    /// <summary>The page cut at the per-visitor values: parts[0], hole[0], parts[1], hole[1], … parts[^1].</summary>
    internal sealed class Blank(byte[][] parts, bool[] holeIsToken, IReadOnlyList<string> deviceModels)
    {
        public IReadOnlyList<string> DeviceModels => deviceModels;

        public static Blank Split(string html, IReadOnlyList<string> deviceModels)
        {
            var parts = new List<byte[]>();
            var holes = new List<bool>();
            var at = 0;
            while (true)
            {
                var token = html.IndexOf(TokenMark, at, StringComparison.Ordinal);
                var submission = html.IndexOf(SubmissionMark, at, StringComparison.Ordinal);
                if (token < 0 && submission < 0) break;
                var isToken = token >= 0 && (submission < 0 || token < submission);
                var hole = isToken ? token : submission;
                parts.Add(Encoding.UTF8.GetBytes(html[at..hole]));
                holes.Add(isToken);
                at = hole + (isToken ? TokenMark : SubmissionMark).Length;
            }
            parts.Add(Encoding.UTF8.GetBytes(html[at..]));
            return new Blank([.. parts], [.. holes], deviceModels);
        }

        public async Task WriteAsync(HttpResponse response, string token, string submission)
        {
            // Both values are base64url or hex: nothing in them needs HTML encoding (checked, or the page would break).
            if (!IsPlain(token) || !IsPlain(submission)) throw new InvalidOperationException("An antiforgery token or submission id needs encoding.");
            var tokenBytes = Encoding.ASCII.GetBytes(token);
            var submissionBytes = Encoding.ASCII.GetBytes(submission);
            long length = 0;
            for (var i = 0; i < parts.Length; i++)
                length += parts[i].Length + (i < holeIsToken.Length ? (holeIsToken[i] ? tokenBytes.Length : submissionBytes.Length) : 0);
            response.ContentLength = length;
            var body = response.BodyWriter;
            for (var i = 0; i < parts.Length; i++)
            {
                body.Write(parts[i]);
                if (i < holeIsToken.Length) body.Write(holeIsToken[i] ? tokenBytes : submissionBytes);
            }
            await body.FlushAsync();
        }

        private static bool IsPlain(string value)
        {
            foreach (var c in value)
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')) return false;
            return true;
        }
    }

    private sealed class BlankResult(Blank blank, string token, string submission) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "text/html; charset=utf-8";
            return blank.WriteAsync(http.Response, token, submission);
        }
    }
}
