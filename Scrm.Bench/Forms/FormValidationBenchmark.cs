using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scrm.Domain.Forms;

namespace Scrm.Bench.Forms;

/// <summary>
/// Checking one 40-field submission with 10 conditions (issue 7's figure: ≤ 20 µs median):
/// <c>dotnet run -c Release --project Scrm.Bench -- bdn --filter *FormValidation*</c>.
/// The same submission as the H5 intake posts it (strings) and as the API sends it (JSON).
/// </summary>
[Config(typeof(Config))]
public class FormValidationBenchmark
{
    private FormDefinition _form = default!;
    private Dictionary<string, object?> _formPost = default!;
    private Dictionary<string, object?> _jsonBody = default!;

    [GlobalSetup]
    public void Setup()
    {
        var fields = Fields();
        var problems = FormSchemaCheck.Check(fields);
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems.Select(p => p.Message)));
        _form = FormDefinition.Of(fields);
        _formPost = FormPost();
        _jsonBody = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(_formPost))!;
        foreach (var submission in new[] { _formPost, _jsonBody })
        {
            var result = _form.Validate(submission);
            if (!result.IsValid) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
        }
    }

    [Benchmark(Baseline = true, Description = "Validate 40 fields / 10 conditions (form post)")]
    public int FormPost40() => _form.Validate(_formPost).Values.Count;

    [Benchmark(Description = "Validate 40 fields / 10 conditions (JSON body)")]
    public int JsonBody40() => _form.Validate(_jsonBody).Values.Count;

    private static FormField F(string key, FieldType type) => new() { Key = key, Type = type, LabelZh = key };

    private static FieldOption[] Options(params string[] values) => values.Select(v => new FieldOption(v, v)).ToArray();

    private static FieldCondition When(ConditionEffect effect, ConditionRule rule) => new(effect, rule);

    private static FieldRule Is(string key, ConditionOperator op, params string[] values) => ConditionRule.Field(key, op, values);

    /// <summary>A large repair form: 40 inputs of every common type under 4 sections; 10 conditions.</summary>
    private static FormField[] Fields() =>
    [
        F("customer", FieldType.Section),
        F("contact_name", FieldType.Text) with { Required = true, MaxLength = 50 },
        F("mobile", FieldType.Phone) with { Required = true },
        F("email", FieldType.Email),
        F("company", FieldType.Text) with { MaxLength = 100 },
        F("site", FieldType.Address) with { Required = true },
        F("customer_type", FieldType.SingleSelect) with { Options = Options("个人", "企业", "医院", "学校"), Required = true },
        F("tax_no", FieldType.Text) with
        {
            Pattern = "[0-9A-Z]{15,20}",
            Condition = When(ConditionEffect.Show, Is("customer_type", ConditionOperator.In, "企业", "医院", "学校")),
        },
        F("vip", FieldType.Checkbox),
        F("vip_no", FieldType.Text) with { Condition = When(ConditionEffect.Require, Is("vip", ConditionOperator.Equals, "true")) },

        F("service", FieldType.Section),
        F("service_kind", FieldType.SingleSelect) with { Options = Options("产品咨询", "售后服务", "安装", "投诉"), Required = true },
        F("device_model", FieldType.DeviceModel) with
        {
            Condition = When(ConditionEffect.Show, Is("service_kind", ConditionOperator.In, "产品咨询", "售后服务")),
        },
        F("serial_no", FieldType.Text) with { Pattern = @"SN\d{8}" },
        F("purchase_date", FieldType.Date) with { MinDate = new DateOnly(2015, 1, 1) },
        F("in_warranty", FieldType.Checkbox),
        F("fault", FieldType.MultiLineText) with
        {
            Required = true,
            Condition = When(ConditionEffect.Show, Is("service_kind", ConditionOperator.Equals, "售后服务")),
        },
        F("fault_kinds", FieldType.MultiSelect) with { Options = Options("不制冷", "漏水", "异响", "不开机", "其他") },
        F("fault_other", FieldType.Text) with
        {
            Condition = When(ConditionEffect.Show, Is("fault_kinds", ConditionOperator.Contains, "其他")),
        },
        F("photos", FieldType.Upload) with { AllowedContentTypes = ["image/*"], MaxFileBytes = 5_000_000 },
        F("budget", FieldType.Money) with { Min = 0, Max = 100000 },
        F("gold_channel", FieldType.Checkbox) with
        {
            Condition = When(ConditionEffect.Show, ConditionRule.All(
                Is("budget", ConditionOperator.GreaterThan, "3000"),
                ConditionRule.Not(Is("in_warranty", ConditionOperator.NotEmpty)))),
        },
        F("units", FieldType.Number) with { Min = 1, Max = 100 },
        F("floor", FieldType.Number) with { Min = -5, Max = 200 },

        F("visit", FieldType.Section),
        F("visit_date", FieldType.Date) with { Required = true },
        F("visit_time", FieldType.DateTime),
        F("slots", FieldType.MultiSelect) with { Options = Options("上午", "下午", "晚上") },
        F("evening_contact", FieldType.Phone) with
        {
            Condition = When(ConditionEffect.Require, Is("slots", ConditionOperator.Contains, "晚上")),
        },
        F("access_note", FieldType.MultiLineText),
        F("parking", FieldType.Checkbox),
        F("parking_note", FieldType.Text) with { Condition = When(ConditionEffect.Show, Is("parking", ConditionOperator.Equals, "true")) },
        F("elevator", FieldType.Checkbox),
        F("heavy_lift", FieldType.Checkbox) with
        {
            Condition = When(ConditionEffect.Hide, ConditionRule.Any(
                Is("elevator", ConditionOperator.Equals, "true"),
                Is("floor", ConditionOperator.LessOrEqual, "2"))),
        },

        F("complaint", FieldType.Section) with { Condition = When(ConditionEffect.Show, Is("service_kind", ConditionOperator.Equals, "投诉")) },
        F("complaint_about", FieldType.SingleSelect) with { Options = Options("服务态度", "响应速度", "维修质量") },
        F("complaint_text", FieldType.MultiLineText),
        F("remarks", FieldType.MultiLineText) with { MaxLength = 1000 },
        F("agree", FieldType.Checkbox) with { Required = true },
        F("referrer", FieldType.Text),
        F("wechat", FieldType.Text) with { MaxLength = 40 },
        F("order_no", FieldType.Text) with { Pattern = @"SO-\d{6}" },
        F("preferred_tech", FieldType.Text),
        F("survey_score", FieldType.Number) with { Min = 0, Max = 10 },
    ];

    /// <summary>What the H5 intake posts for a filled-in after-sales request: all strings, as a browser sends them.</summary>
    private static Dictionary<string, object?> FormPost() => new()
    {
        ["contact_name"] = "李雷",
        ["mobile"] = "138 1234 5678",
        ["email"] = "li.lei@example.com",
        ["company"] = "仁济医院设备科",
        ["site"] = "上海市浦东新区浦建路 160 号",
        ["customer_type"] = "医院",
        ["tax_no"] = "91310000123456789X",
        ["vip"] = "on",
        ["vip_no"] = "VIP-0042",
        ["service_kind"] = "售后服务",
        ["device_model"] = "KFR-35GW",
        ["serial_no"] = "SN20240101",
        ["purchase_date"] = "2024-03-15",
        ["in_warranty"] = "",
        ["fault"] = "空调不制冷，室外机有异响。",
        ["fault_kinds"] = new[] { "不制冷", "异响", "其他" },
        ["fault_other"] = "遥控器失灵",
        ["photos"] = null,
        ["budget"] = "3,500.00",
        ["gold_channel"] = "on",
        ["units"] = "2",
        ["floor"] = "12",
        ["visit_date"] = "2026-11-25",
        ["visit_time"] = "2026-11-25T14:30",
        ["slots"] = new[] { "下午", "晚上" },
        ["evening_contact"] = "13912345678",
        ["access_note"] = "从东门进，前台登记。",
        ["parking"] = "on",
        ["parking_note"] = "地下二层",
        ["elevator"] = "on",
        ["heavy_lift"] = "on",
        ["complaint_about"] = "服务态度",
        ["remarks"] = "请提前半小时电话联系。",
        ["agree"] = "on",
        ["referrer"] = "",
        ["wechat"] = "lilei_sh",
        ["order_no"] = "SO-202611",
        ["preferred_tech"] = "王师傅",
        ["survey_score"] = "9",
    };

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.JoinSummary);
            // Reports go to /tmp, not into the repository.
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scrm-bench-artifacts"));
        }
    }
}
