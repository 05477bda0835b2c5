using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;
using FieldType = Scrm.Domain.Forms.FieldType;

namespace Scrm.Tests.Components;

/// <summary>
/// The form designer against the real template service and database of the shared test host. Each test makes a
/// template of its own (a fresh key), so that they never see each other's drafts.
/// </summary>
public abstract class FormDesignerContext : AppComponentContext
{
    protected FormDesignerContext(TestApp app) : base(app)
    {
        Templates = app.Get<FormTemplates>();
        Services.AddSingleton(Templates);
    }

    protected FormTemplates Templates { get; }

    // ---- arranging ----

    protected static FormField Field(string key, FieldType type, string label) => new() { Key = key, Type = type, LabelZh = label };

    /// <summary>A head-office template of its own, with these fields saved as its draft.</summary>
    protected async Task<string> NewTemplateAsync(params FormField[] fields)
    {
        var key = $"t-{Guid.NewGuid():N}"[..24];
        await Templates.CreateAsync(TestApp.Admin, key, "测试模板", "Test form", TicketType.Repair);
        if (fields.Length > 0) await Templates.SaveDraftAsync(TestApp.Admin, key, null, fields);
        return key;
    }

    protected async Task<IRenderedComponent<ContainerFragment>> OpenAsAdminAsync(string key)
    {
        SignIn("管理员 表单", AppRoles.Admin, AccessScope.AllRegionsValue);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = RenderPage<FormDesignerPage>();
        await OpenTemplateAsync(cut, key);
        return cut;
    }

    protected static async Task OpenTemplateAsync(IRenderedComponent<ContainerFragment> cut, string key)
    {
        cut.WaitForAssertion(() => cut.Find($"[data-testid=template-row-{key}]"));
        await cut.Find($"[data-testid=template-row-{key}]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Find("[data-testid=designer-template-name]").TextContent.ShouldContain(key));
    }

    // ---- reading and acting ----

    protected static async Task ShowTabAsync(IRenderedComponent<ContainerFragment> cut, string text)
    {
        var tab = cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == text);
        await tab.ClickAsync(new MouseEventArgs());
    }

    protected static async Task ChooseAsync(IRenderedComponent<ContainerFragment> cut, string testId, string option)
    {
        await cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.MouseDownAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty());
        await cut.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == option).ClickAsync(new MouseEventArgs());
    }

    /// <summary>
    /// Clicks what asks for a confirmation and answers it with <paramref name="button"/>. The click is awaited last:
    /// its handler waits for the answer.
    /// </summary>
    protected static async Task ClickAndAnswerAsync(IRenderedComponent<ContainerFragment> cut, string selector, string button)
    {
        var click = cut.Find(selector).ClickAsync(new MouseEventArgs());
        await AnswerAsync(cut, button);
        await click;
    }

    /// <summary>Answers the open message box (a confirmation) with the button that reads <paramref name="button"/>.</summary>
    protected static async Task AnswerAsync(IRenderedComponent<ContainerFragment> cut, string button)
    {
        cut.WaitForAssertion(() => cut.FindAll(".mud-dialog .mud-button").ShouldNotBeEmpty());
        await cut.FindAll(".mud-dialog .mud-button").Single(b => b.TextContent.Trim() == button).ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.FindAll(".mud-dialog").ShouldBeEmpty());
    }
}
