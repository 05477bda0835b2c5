using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scrm.App;

namespace Scrm.Tests.Components;

/// <summary>What every open page's circuit may hold (issue 6: server memory per open page).</summary>
public sealed class LayoutCircuitOptions
{
    [Fact]
    public void ACircuitHoldsAFewUnacknowledgedRenderBatchesNotTen()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Services.AddScrmUi();
        using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        options.MaxBufferedUnacknowledgedRenderBatches.ShouldBe(UiSetup.MaxUnacknowledgedRenderBatches);
        UiSetup.MaxUnacknowledgedRenderBatches.ShouldBeLessThan(10, "Blazor's default let a page that is behind hold ten batches' bytes");
        options.DetailedErrors.ShouldBeFalse();
    }
}
