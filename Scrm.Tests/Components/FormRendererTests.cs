using System.Reflection;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;
using Scrm.App.Features.Forms;
using Scrm.App.Resources;
using Scrm.Domain.Forms;
using FieldType = Scrm.Domain.Forms.FieldType;

namespace Scrm.Tests.Components;

/// <summary>The form renderer on its own: inputs per field type, labels per language, visibility and errors from the validator.</summary>
public sealed class FormRendering : BunitContext, IAsyncLifetime
{
    public FormRendering()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }

    private static readonly FormField[] EveryType =
    [
        Field("heading", FieldType.Section, "基本信息"),
        Field("name", FieldType.Text, "联系人") with { LabelEn = "Contact", Required = true },
        Field("notes", FieldType.MultiLineText, "备注"),
        Field("count", FieldType.Number, "数量"),
        Field("price", FieldType.Money, "金额"),
        Field("day", FieldType.Date, "日期"),
        Field("at", FieldType.DateTime, "预约时间"),
        Field("kind", FieldType.SingleSelect, "服务类型") with { Options = [new("repair", "维修", "Repair"), new("install", "安装")] },
        Field("slots", FieldType.MultiSelect, "空闲时段") with { Options = [new("am", "上午"), new("pm", "下午")] },
        Field("urgent", FieldType.Checkbox, "加急"),
        Field("mobile", FieldType.Phone, "手机号"),
        Field("mail", FieldType.Email, "邮箱"),
        Field("address", FieldType.Address, "地址"),
        Field("model", FieldType.DeviceModel, "设备型号"),
        Field("photos", FieldType.Upload, "现场照片"),
        Field("signature", FieldType.Signature, "客户签名"),
    ];

    [Fact]
    public void EveryFieldTypeGetsItsInputWithTheChineseLabel()
    {
        using var _ = UiCulture.Chinese();

        var cut = Render<FormRenderer>(p => p.Add(r => r.Definition, FormDefinition.Of(EveryType)));

        cut.Find("[data-testid=field-heading] h3").TextContent.ShouldBe("基本信息");
        Label(cut, "name").ShouldBe("联系人 *");
        cut.Find("[data-testid=field-notes] textarea").ShouldNotBeNull();
        cut.Find("[data-testid=field-count] input").GetAttribute("inputmode").ShouldBe("decimal");
        cut.Find("[data-testid=field-price] .mud-input-adornment").TextContent.Trim().ShouldBe("¥");
        cut.Find("[data-testid=field-day] input").GetAttribute("type").ShouldBe("date");
        cut.Find("[data-testid=field-at] input").GetAttribute("type").ShouldBe("datetime-local");
        cut.Find("[data-testid=field-kind] .mud-select").ShouldNotBeNull();
        cut.Find("[data-testid=field-slots] .mud-select").ShouldNotBeNull();
        cut.Find("[data-testid=field-urgent] input[type=checkbox]").ShouldNotBeNull();
        cut.Find("[data-testid=field-mobile] input").GetAttribute("type").ShouldBe("tel");
        cut.Find("[data-testid=field-mail] input").GetAttribute("type").ShouldBe("email");
        cut.Find("[data-testid=field-address] input").ShouldNotBeNull();
        cut.Find("[data-testid=field-model] input").ShouldNotBeNull();
        cut.Find("[data-testid=field-photos]").TextContent.ShouldContain("上传将在工单中提供");
        cut.Find("[data-testid=field-signature]").TextContent.ShouldContain("签名将在工单中提供");
    }

    [Fact]
    public void ADeviceModelFieldSuggestsTheModelsItIsGivenAndStillTakesAnyText()
    {
        using var _ = UiCulture.Chinese();

        var cut = Render<FormRenderer>(p => p.Add(r => r.Definition, FormDefinition.Of(EveryType))
            .Add(r => r.DeviceModels, ["格力 KFR-35GW 空调", "海尔 EG100 洗衣机"]));

        cut.Find("[data-testid=field-model] input").GetAttribute("list").ShouldBe("models-model");
        cut.FindAll("datalist#models-model option").Select(o => o.GetAttribute("value")).ShouldBe(["格力 KFR-35GW 空调", "海尔 EG100 洗衣机"]);
        cut.Find("[data-testid=field-name] input").HasAttribute("list").ShouldBeFalse();
        Render<FormRenderer>(p => p.Add(r => r.Definition, FormDefinition.Of(EveryType)))
            .Find("[data-testid=field-model] input").HasAttribute("list").ShouldBeFalse();
    }

    [Fact]
    public void InEnglishTheEnglishLabelIsShownAndTheChineseOneWhenThereIsNone()
    {
        using var _ = UiCulture.English();

        var cut = Render<FormRenderer>(p => p.Add(r => r.Definition, FormDefinition.Of(EveryType)));

        Label(cut, "name").ShouldBe("Contact *");
        Label(cut, "notes").ShouldBe("备注");
        cut.Find("[data-testid=field-photos]").TextContent.ShouldContain("Uploads are available on the ticket");
    }

    [Fact]
    public void AFieldTheValidatorHidesIsNotDrawnAndAppearsOnceItsRuleHolds()
    {
        using var _ = UiCulture.Chinese();
        var form = FormDefinition.Of(
        [
            Field("urgent", FieldType.Checkbox, "加急"),
            Field("reason", FieldType.Text, "加急原因") with
            {
                Condition = new(ConditionEffect.Show, ConditionRule.Field("urgent", ConditionOperator.Equals, "true")),
            },
        ]);
        var values = new Dictionary<string, object?>();

        var cut = Render<FormRenderer>(p => p
            .Add(r => r.Definition, form)
            .Add(r => r.Values, values)
            .Add(r => r.Validation, form.Validate(values)));
        cut.FindAll("[data-testid=field-reason]").ShouldBeEmpty();

        values["urgent"] = true;
        cut.Render(p => p.Add(r => r.Validation, form.Validate(values)));

        cut.FindAll("[data-testid=field-reason]").ShouldHaveSingleItem();
    }

    [Fact]
    public void TypingRaisesTheKeyAndTheTextAndErrorsShowBesideTheirFieldInTheUserLanguage()
    {
        using var _ = UiCulture.Chinese();
        var form = FormDefinition.Of([Field("mobile", FieldType.Phone, "手机号") with { Required = true }, Field("name", FieldType.Text, "联系人")]);
        var values = new Dictionary<string, object?> { ["mobile"] = "123" };
        var validation = form.Validate(values);
        KeyValuePair<string, object?>? raised = null;

        var cut = Render<FormRenderer>(p => p
            .Add(r => r.Definition, form)
            .Add(r => r.Values, values)
            .Add(r => r.Validation, validation)
            .Add(r => r.Errors, validation.Errors)
            .Add(r => r.ValueChanged, change => raised = change));
        cut.Find("[data-testid=field-name] input").Input("王师傅");

        raised.ShouldBe(new KeyValuePair<string, object?>("name", "王师傅"));
        cut.Find("[data-testid=field-mobile] .mud-input-helper-text").TextContent.Trim().ShouldBe("「123」不是有效的手机号");
    }

    [Fact]
    public async Task APointPickedOnTheAddressMapReachesTheSubmittedValueWithTheText()
    {
        using var _ = UiCulture.Chinese();
        var form = FormDefinition.Of([Field("address", FieldType.Address, "安装地址") with { Required = true }]);
        var values = new Dictionary<string, object?>();
        var cut = Render<FormRenderer>(p => p
            .Add(r => r.Definition, form)
            .Add(r => r.Values, values)
            .Add(r => r.ValueChanged, change => values[change.Key] = change.Value));
        cut.Find("[data-testid=field-address] input").Input("上海市浦东新区世纪大道 100 号");
        values["address"].ShouldBe("上海市浦东新区世纪大道 100 号");  // no point yet: plain text, as before

        // What the map's click (or dragged pin) calls.
        var map = cut.FindComponent<AddressField>();
        await map.InvokeAsync(() => map.Instance.PointPicked(31.235, 121.5055));
        cut.Render(p => p.Add(r => r.Values, new Dictionary<string, object?>(values)));
        cut.Find("[data-testid=point-address]").TextContent.ShouldContain("纬度 31.235，经度 121.5055");
        // Typing after the pin keeps the pin.
        cut.Find("[data-testid=field-address] input").Input("上海市浦东新区世纪大道 200 号");

        var submitted = form.Validate(values);
        submitted.Errors.ShouldBeEmpty();
        submitted.Values["address"].ShouldBe(new AddressValue("上海市浦东新区世纪大道 200 号", new Scrm.Domain.Geo.GeoPoint(31.235, 121.5055)));

        cut.Render(p => p.Add(r => r.Values, new Dictionary<string, object?>(values)));
        cut.Find("[data-testid=clear-point-address]").Click();
        values["address"].ShouldBe("上海市浦东新区世纪大道 200 号");
    }

    [Fact]
    public void AStoredAddressShowsItsPointAsTheTicketKeepsIt()
    {
        using var _ = UiCulture.Chinese();
        var form = FormDefinition.Of([Field("address", FieldType.Address, "安装地址")]);
        var stored = System.Text.Json.JsonDocument.Parse("""{"Text":"杭州市文三路 90 号","Point":{"Lat":30.274084,"Lng":120.15507}}""").RootElement;

        var cut = Render<FormRenderer>(p => p
            .Add(r => r.Definition, form)
            .Add(r => r.Values, new Dictionary<string, object?> { ["address"] = stored }));

        cut.Find("[data-testid=field-address] input").GetAttribute("value").ShouldBe("杭州市文三路 90 号");
        cut.Find("[data-testid=point-address]").TextContent.ShouldContain("纬度 30.274084，经度 120.15507");
    }

    [Fact]
    public void EverySubmissionErrorAndSchemaProblemHasTextInBothLanguages()
    {
        var codes = typeof(FormErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(SchemaProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!).ToList();
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        codes.Count.ShouldBeGreaterThan(40);
        foreach (var culture in new Func<IDisposable>[] { UiCulture.Chinese, UiCulture.English })
        {
            using var _ = culture();
            codes.Where(c => l["Error." + c].ResourceNotFound).ShouldBeEmpty();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static FormField Field(string key, FieldType type, string label) => new() { Key = key, Type = type, LabelZh = label };

    private static string Label(IRenderedComponent<FormRenderer> cut, string key) =>
        cut.Find($"[data-testid=field-{key}] label").TextContent.Trim();
}
