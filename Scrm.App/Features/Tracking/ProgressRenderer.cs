using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace Scrm.App.Features.Tracking;

/// <summary>
/// Renders the changing part of the progress page (<see cref="ProgressBody"/>) outside a request, for the hub message
/// that carries it to every viewer of a ticket: once per change and language instead of one page read per viewer.
/// </summary>
public sealed class ProgressRenderer(IServiceProvider services, ILoggerFactory loggers, IOptions<AntiforgeryOptions> antiforgery) : IAsyncDisposable
{
    // Chinese text as itself, not as &#x…; entities: the message goes to every viewer, and entities would double its size.
    private readonly HtmlRenderer _renderer = new(new WithEncoder(services, HtmlEncoder.Create(UnicodeRanges.All)), loggers);

    public Task<string> RenderAsync(ProgressView view, string culture) => _renderer.Dispatcher.InvokeAsync(async () =>
    {
        var language = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = language;
        CultureInfo.CurrentUICulture = language;
        var output = await _renderer.RenderComponentAsync<ProgressBody>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(ProgressBody.View)] = view,
            [nameof(ProgressBody.AntiforgeryField)] = antiforgery.Value.FormFieldName,
        }));
        return output.ToHtmlString();
    });

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    /// <summary>The app's services, with an HTML encoder of our own (the renderer asks its services for one).</summary>
    private sealed class WithEncoder(IServiceProvider inner, HtmlEncoder encoder) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? encoder : inner.GetService(serviceType);
    }
}
