using Scrm.App.Features.Forms;
using Scrm.Bench.Infrastructure;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Designer;

/// <summary>
/// Head-office templates for the designer bench, made through <see cref="FormTemplates"/> as an Admin would: a large
/// one (every type of field, sections, conditions) and a small one with the same kinds of field, as its baseline.
/// </summary>
internal static class DesignerTemplates
{
    // Every value-holding type in turn, so that the canvas shows each kind of row (badges, icons) as a real form would.
    private static readonly FieldType[] Mixed =
    [
        FieldType.Text, FieldType.Checkbox, FieldType.SingleSelect, FieldType.Number, FieldType.MultiLineText, FieldType.Date,
        FieldType.Phone, FieldType.MultiSelect, FieldType.Money, FieldType.Email, FieldType.DateTime, FieldType.Address,
        FieldType.DeviceModel, FieldType.Upload, FieldType.Signature,
    ];

    public static async Task CreateAsync(FormTemplates templates, string key, int fields, int conditions)
    {
        await templates.CreateAsync(BenchScopes.Admin, key, $"设计器基准 {fields} 字段", $"Designer bench {fields} fields", TicketType.Inspection);
        await templates.SaveDraftAsync(BenchScopes.Admin, key, null, Fields(fields, conditions));
    }

    /// <summary>
    /// <paramref name="count"/> fields, a section every 15, and <paramref name="conditions"/> conditions spread evenly, each
    /// on the nearest earlier checkbox (valid as saved; a reorder may make some point forward, as it would for a person).
    /// </summary>
    private static List<FormField> Fields(int count, int conditions)
    {
        var list = new List<FormField>(count);
        var every = Math.Max(2, count / Math.Max(1, conditions));
        for (var i = 0; i < count; i++)
        {
            var type = count > 15 && i % 15 == 0 ? FieldType.Section : Mixed[i % Mixed.Length];
            var field = new FormField
            {
                Key = $"f{i:00}_{type.ToString().ToLowerInvariant()}",
                Type = type,
                LabelZh = $"字段 {i:00} {type}",
                Required = i % 4 == 0 && type != FieldType.Section,
                Options = type is FieldType.SingleSelect or FieldType.MultiSelect
                    ? [new("a", "选项甲"), new("b", "选项乙"), new("c", "选项丙")]
                    : [],
            };
            var checkbox = list.LastOrDefault(f => f.Type == FieldType.Checkbox);
            if (i % every == every - 1 && checkbox is not null && list.Count(f => f.Condition is not null) < conditions)
                field = field with
                {
                    Condition = new FieldCondition(type == FieldType.Section ? ConditionEffect.Show : (ConditionEffect)(i % 3),
                        ConditionRule.Field(checkbox.Key, ConditionOperator.Equals, "true")),
                };
            list.Add(field);
        }
        return list;
    }
}
