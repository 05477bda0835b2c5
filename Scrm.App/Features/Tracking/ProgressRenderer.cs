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
public sealed class ProgressRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers, IOptions<AntiforgeryOptions> antiforgery) : IAsyncDisposable
{
    // The renderer asks for scoped services (ComponentsActivitySource, localizers): it lives in a scope of its own for
    // as long as this singleton, since the root provider refuses scoped services where scopes are validated.
    private readonly AsyncServiceScope _scope = scopes.CreateAsyncScope();
    private readonly ILoggerFactory _loggers = loggers;
    private HtmlRenderer? _renderer;

    private HtmlRenderer Renderer => LazyInitializer.EnsureInitialized(ref _renderer, NewRenderer);

    // Chinese text as itself, not as &#x…; entities: the message goes to every viewer, and entities would double its size.
    private HtmlRenderer NewRenderer() => new(new WithEncoder(_scope.ServiceProvider, HtmlEncoder.Create(UnicodeRanges.All)), _loggers);

    public Task<string> RenderAsync(ProgressView view, string culture) => Renderer.Dispatcher.InvokeAsync(async () =>
    {
        var language = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = language;
        CultureInfo.CurrentUICulture = language;
        var output = await Renderer.RenderComponentAsync<ProgressBody>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(ProgressBody.View)] = view,
            [nameof(ProgressBody.AntiforgeryField)] = antiforgery.Value.FormFieldName,
        }));
        return output.ToHtmlString();
    });

    public async ValueTask DisposeAsync()
    {
        if (_renderer is not null) await _renderer.DisposeAsync();
        await _scope.DisposeAsync();
    }

    /// <summary>The app's services, with an HTML encoder of our own (the renderer asks its services for one).</summary>
    private sealed class WithEncoder(IServiceProvider inner, HtmlEncoder encoder) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? encoder : inner.GetService(serviceType);
    }
}
