using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Scrm.App.Components.Account.Pages;
using Scrm.App.Components.Shared;

namespace Scrm.Tests.Components;

/// <summary>MudBlazor's own texts and the account pages speak the user's language: Chinese by default, English under the switch.</summary>
public sealed class Localisation : BunitContext, IAsyncLifetime
{
    private static readonly IReadOnlyList<Job> Jobs =
        Enumerable.Range(1, 58).Select(i => new Job($"GD-{i:0000}")).ToList();

    public Localisation()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, ScrmMudLocalizer>();
    }

    [Fact]
    public void TheDataGridPagerSpeaksChineseByDefault()
    {
        using var _ = UiCulture.Chinese();

        var cut = RenderGrid();

        Captions(cut).ShouldBe(["每页行数：", "第 1–10 条，共 58 条"]);
        cut.Markup.ShouldNotContain("Rows per page");
    }

    [Fact]
    public void TheDataGridPagerSpeaksEnglishUnderTheSwitch()
    {
        using var _ = English();

        var cut = RenderGrid();

        Captions(cut)[0].ShouldBe("Rows per page:");
        Captions(cut)[1].ShouldMatch(@"^1\s*[-–]\s*10 of 58$");
        cut.Markup.ShouldNotContain("每页行数");
    }

    [Fact]
    public async Task ARequiredFieldSaysSoInChineseOnlyAfterValidation()
    {
        using var _ = UiCulture.Chinese();
        var cut = Render<MudTextField<string>>(p => p.Add(f => f.Label, "标题").Add(f => f.Required, true));

        cut.FindAll(".mud-input-helper-text.mud-input-error").ShouldBeEmpty("nothing is wrong before the user touched the field");
        await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        cut.WaitForAssertion(() => cut.Find(".mud-input-helper-text").TextContent.Trim().ShouldBe("必填"));
    }

    [Fact]
    public void AccessDeniedExplainsInChineseAndLeadsHome()
    {
        using var _ = UiCulture.Chinese();

        var cut = Render<AccessDenied>();

        cut.Find("h1").TextContent.ShouldBe("无权访问");
        cut.Markup.ShouldContain("联系管理员");
        cut.Find("a[data-testid=access-denied-home]").GetAttribute("href").ShouldBe("/");
        cut.Find("a[data-testid=access-denied-home]").TextContent.ShouldBe("返回首页");
    }

    [Fact]
    public void AccessDeniedExplainsInEnglishUnderTheSwitch()
    {
        using var _ = English();

        var cut = Render<AccessDenied>();

        cut.Find("h1").TextContent.ShouldBe("Access denied");
        cut.Find("a[data-testid=access-denied-home]").TextContent.ShouldBe("Back to the home page");
    }

    private IRenderedComponent<MudDataGrid<Job>> RenderGrid() => Render<MudDataGrid<Job>>(p => p
        .Add(g => g.Items, Jobs)
        .Add(g => g.RowsPerPage, 10)
        .Add(g => g.Columns, b =>
        {
            b.OpenComponent<PropertyColumn<Job, string>>(0);
            b.AddComponentParameter(1, nameof(PropertyColumn<Job, string>.Property), (System.Linq.Expressions.Expression<Func<Job, string>>)(j => j.Number));
            b.CloseComponent();
        })
        .Add(g => g.PagerContent, b =>
        {
            b.OpenComponent<MudDataGridPager<Job>>(0);
            b.CloseComponent();
        }));

    /// <summary>The pager's texts: the rows-per-page label, then which rows are shown of how many.</summary>
    private static IReadOnlyList<string> Captions(IRenderedComponent<MudDataGrid<Job>> cut) =>
        cut.FindAll(".mud-table-pagination-caption").Select(c => c.TextContent.Trim()).ToList();

    /// <summary>The switch's other language, put back afterwards.</summary>
    private static CultureScope English() => new("en");

    public sealed record Job(string Number);

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public CultureScope(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
