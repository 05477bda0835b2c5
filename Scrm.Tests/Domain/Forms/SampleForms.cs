using Scrm.Domain.Forms;

namespace Scrm.Tests.Domain.Forms;

/// <summary>Builders for form tests: fields with Chinese labels, and submissions as an HTML form or the API sends them.</summary>
internal static class SampleForms
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(8));

    public static FormField Field(string key, FieldType type, string label = "字段") =>
        new() { Key = key, Type = type, LabelZh = label };

    public static FormField Select(string key, params string[] values) =>
        Field(key, FieldType.SingleSelect) with { Options = values.Select(v => new FieldOption(v, v)).ToArray() };

    public static FormField MultiSelect(string key, params string[] values) =>
        Field(key, FieldType.MultiSelect) with { Options = values.Select(v => new FieldOption(v, v)).ToArray() };

    public static FieldCondition ShowWhen(string key, ConditionOperator op, params string[] values) =>
        new(ConditionEffect.Show, ConditionRule.Field(key, op, values));

    public static Dictionary<string, object?> Values(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    public static FormValidation Validate(FormField field, object? value) =>
        FormDefinition.Of([field]).Validate(Values((field.Key, value)));

    public static FormValidation Validate(IReadOnlyList<FormField> fields, params (string Key, object? Value)[] values) =>
        FormDefinition.Of(fields).Validate(Values(values));

    /// <summary>设备报修: the equipment-repair form the seeds describe, with a condition on the service kind.</summary>
    public static FormField[] EquipmentRepair() =>
    [
        Field("contact_name", FieldType.Text, "联系人") with { Required = true, MaxLength = 50 },
        Field("mobile", FieldType.Phone, "手机号") with { Required = true },
        Select("service_kind", "产品咨询", "售后服务") with { LabelZh = "服务类型", Required = true },
        Field("device_model", FieldType.DeviceModel, "设备型号") with
        {
            Condition = ShowWhen("service_kind", ConditionOperator.Equals, "产品咨询"),
        },
        Field("fault", FieldType.MultiLineText, "故障描述") with
        {
            Required = true,
            Condition = ShowWhen("service_kind", ConditionOperator.Equals, "售后服务"),
        },
        Field("photos", FieldType.Upload, "现场照片") with { AllowedContentTypes = ["image/*"], RequiredToClose = true },
        Field("signature", FieldType.Signature, "客户签名") with { RequiredToClose = true },
    ];
}
