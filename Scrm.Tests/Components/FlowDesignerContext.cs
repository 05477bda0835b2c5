using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Flows;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The flow designer against the real flow service and database; each test makes flows of its own (fresh keys).</summary>
public abstract class FlowDesignerContext : AppComponentContext
{
    protected FlowDesignerContext(TestApp app) : base(app)
    {
        Flows = app.Get<FlowTemplates>();
        Services.AddSingleton(Flows);
        Services.AddSingleton(app.Get<Scrm.App.Features.Flows.Sandbox.SandboxTickets>());
        Services.AddSingleton(app.Get<Scrm.App.Features.Flows.Bottlenecks.FlowBottlenecks>());
        // The diagram measures its container through JS; loose mode alone answers null and SetContainer throws.
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 900, 560));
    }

    protected FlowTemplates Flows { get; }

    protected async Task<string> NewFlowAsync(FlowDefinition draft, string? region = null)
    {
        var key = $"f-{Guid.NewGuid():N}"[..20];
        await Flows.CreateAsync(TestApp.Admin, key, "测试流程", null, TicketType.Repair, region);
        await Flows.SaveDraftAsync(TestApp.Admin, key, draft);
        return key;
    }

    protected async Task<IRenderedComponent<ContainerFragment>> OpenAsync(string key, string role = AppRoles.Admin, string region = AccessScope.AllRegionsValue)
    {
        SignIn("流程 设计", role, region);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = RenderPage<FlowDesignerPage>();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=flow-row-{key}]"));
        await cut.Find($"[data-testid=flow-row-{key}]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("[data-testid=flow-name-title]").TextContent.ShouldContain(key));
        return cut;
    }

    protected static IReadOnlyList<string> NodeLabels(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll("[data-testid=flow-node-label]").Select(n => n.TextContent.Trim()).ToList();
}
