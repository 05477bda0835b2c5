using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Scrm.App.Features.Intake;

/// <summary>
/// A rendered page kept as bytes, cut where two stand-in marks were rendered, so that a request writes the bytes around
/// its own two values instead of rendering the component again (<see cref="BlankIntakePages"/>: token and submission id;
/// <see cref="ThanksPages"/>: ticket number and progress link). The pieces: parts[0], hole[0], parts[1], … parts[^1].
/// </summary>
internal sealed class KeptPage(byte[][] parts, bool[] holeIsFirst)
{
    /// <summary>Renders <typeparamref name="TComponent"/> in the caller's cultures, in a scope of its own, to HTML.</summary>
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, ILoggerFactory loggers,
        Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    public static KeptPage Split(string html, string firstMark, string secondMark)
    {
        var parts = new List<byte[]>();
        var holes = new List<bool>();
        var at = 0;
        while (true)
        {
            var first = html.IndexOf(firstMark, at, StringComparison.Ordinal);
            var second = html.IndexOf(secondMark, at, StringComparison.Ordinal);
            if (first < 0 && second < 0) break;
            var isFirst = first >= 0 && (second < 0 || first < second);
            var hole = isFirst ? first : second;
            parts.Add(Encoding.UTF8.GetBytes(html[at..hole]));
            holes.Add(isFirst);
            at = hole + (isFirst ? firstMark : secondMark).Length;
        }
        parts.Add(Encoding.UTF8.GetBytes(html[at..]));
        return new KeptPage([.. parts], [.. holes]);
    }

    /// <summary>The page with <paramref name="first"/> and <paramref name="second"/> (already encoded) in its holes.</summary>
    public async Task WriteAsync(HttpResponse response, byte[] first, byte[] second)
    {
        long length = 0;
        for (var i = 0; i < parts.Length; i++)
            length += parts[i].Length + (i < holeIsFirst.Length ? (holeIsFirst[i] ? first.Length : second.Length) : 0);
        response.ContentLength = length;
        var body = response.BodyWriter;
        for (var i = 0; i < parts.Length; i++)
        {
            body.Write(parts[i]);
            if (i < holeIsFirst.Length) body.Write(holeIsFirst[i] ? first : second);
        }
        await body.FlushAsync();
    }

    /// <summary>An HTML 200 response of <see cref="WriteAsync"/>.</summary>
    public static IResult Result(Func<HttpResponse, Task> write) => new PageResult(write);

    private sealed class PageResult(Func<HttpResponse, Task> write) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "text/html; charset=utf-8";
            return write(http.Response);
        }
    }
}
