using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.App.Data.Seed;

/// <summary>
/// The five ticket templates the seeds describe (设备报修, 安装服务, 退换货, 客户投诉, 试听课预约), published as version 1,
/// so that the designer, the create dialog and the public intake have real forms on first start.
/// </summary>
public static class DemoForms
{
    public static IReadOnlyList<FormTemplate> All(DateTimeOffset now) =>
    [
        Published("equipment-repair", "设备报修", "Equipment repair", TicketType.Repair, now, EquipmentRepair()),
        Published("installation", "安装服务", "Installation", TicketType.Installation, now, Installation()),
        Published("return", "退换货", "Return or exchange", TicketType.Return, now, Return()),
        Published("complaint", "客户投诉", "Complaint", TicketType.Complaint, now, Complaint()),
        Published("trial-class", "试听课预约", "Trial class booking", TicketType.Consultation, now, TrialClass()),
    ];

    private static FormTemplate Published(string key, string zh, string en, TicketType type, DateTimeOffset now, FormField[] fields)
    {
        var template = FormTemplate.CreateHeadOffice(key, zh, en, type);
        template.SaveDraft(fields, now);
        template.Publish(now);
        return template;
    }

    private static FormField F(string key, FieldType type, string zh, string en) => new() { Key = key, Type = type, LabelZh = zh, LabelEn = en };

    private static FieldOption[] Options(params (string Zh, string En)[] options) =>
        options.Select(o => new FieldOption(o.Zh, o.Zh, o.En)).ToArray();

    private static FieldCondition When(string key, ConditionOperator op, params string[] values) =>
        new(ConditionEffect.Show, ConditionRule.Field(key, op, values));

    private static FormField[] EquipmentRepair() =>
    [
        F("contact_name", FieldType.Text, "联系人", "Contact") with { Required = true, MaxLength = 50 },
        F("mobile", FieldType.Phone, "手机号", "Mobile") with { Required = true },
        F("service_kind", FieldType.SingleSelect, "服务类型", "Service") with
        {
            Required = true, Options = Options(("售后维修", "After-sales repair"), ("产品咨询", "Product question")),
        },
        F("device_model", FieldType.DeviceModel, "设备型号", "Device model") with { Required = true, MaxLength = 60 },
        F("fault", FieldType.MultiLineText, "故障描述", "Fault") with
        {
            Required = true, MaxLength = 500, Condition = When("service_kind", ConditionOperator.Equals, "售后维修"),
        },
        F("question", FieldType.MultiLineText, "咨询内容", "Question") with
        {
            MaxLength = 500, Condition = When("service_kind", ConditionOperator.Equals, "产品咨询"),
        },
        F("photos", FieldType.Upload, "现场照片", "Photos") with
        {
            AllowedContentTypes = ["image/*"], MaxFileBytes = 5 * 1024 * 1024, MaxLength = 6,
            Condition = When("service_kind", ConditionOperator.Equals, "售后维修"),
        },
        F("work_done", FieldType.Section, "完工信息（技师填写）", "Completion (technician)"),
        F("parts_used", FieldType.MultiLineText, "更换配件", "Parts replaced") with { MaxLength = 300, RequiredToClose = true },
        F("signature", FieldType.Signature, "客户签名", "Customer signature") with { RequiredToClose = true },
    ];

    private static FormField[] Installation() =>
    [
        F("contact_name", FieldType.Text, "联系人", "Contact") with { Required = true, MaxLength = 50 },
        F("mobile", FieldType.Phone, "手机号", "Mobile") with { Required = true },
        F("address", FieldType.Address, "安装地址", "Installation address") with { Required = true, MaxLength = 200 },
        F("device_model", FieldType.DeviceModel, "设备型号", "Device model") with { Required = true, MaxLength = 60 },
        F("quantity", FieldType.Number, "台数", "Units") with { Required = true, Min = 1, Max = 200 },
        F("preferred_date", FieldType.Date, "期望上门日期", "Preferred date") with { Required = true },
        F("needs_power", FieldType.Checkbox, "需要新拉电源", "Needs a new power line"),
        F("power_note", FieldType.Text, "电源说明", "Power note") with
        {
            MaxLength = 200, Condition = new FieldCondition(ConditionEffect.Show, ConditionRule.Field("needs_power", ConditionOperator.Equals, "true")),
        },
        // The installation flow's two parallel tasks wait for these sections (备货 by the dispatcher, 预约 by the agent).
        F("stock", FieldType.Section, "备货（调度填写）", "Stock (dispatcher)"),
        F("stock_note", FieldType.Text, "出库单号", "Stock issue number") with { MaxLength = 40, RequiredToClose = true },
        F("appointment", FieldType.Section, "预约（客服填写）", "Appointment (agent)"),
        F("appointment_at", FieldType.DateTime, "预约上门时间", "Booked visit") with { RequiredToClose = true },
        F("acceptance", FieldType.Section, "验收", "Acceptance"),
        F("signature", FieldType.Signature, "验收签名", "Acceptance signature") with { RequiredToClose = true },
    ];

    private static FormField[] Return() =>
    [
        F("contact_name", FieldType.Text, "联系人", "Contact") with { Required = true, MaxLength = 50 },
        F("mobile", FieldType.Phone, "手机号", "Mobile") with { Required = true },
        F("order_no", FieldType.Text, "订单号", "Order number") with { Required = true, Pattern = "[A-Za-z0-9-]{6,32}", MaxLength = 32 },
        F("kind", FieldType.SingleSelect, "申请类型", "Request") with
        {
            Required = true, Options = Options(("退货", "Return"), ("换货", "Exchange")),
        },
        F("reason", FieldType.SingleSelect, "原因", "Reason") with
        {
            Required = true, Options = Options(("质量问题", "Quality problem"), ("发错货", "Wrong item"), ("不想要了", "No longer wanted")),
        },
        F("logistics_no", FieldType.Text, "退回物流单号", "Return tracking number") with { MaxLength = 40, RequiredToClose = true },
        F("amount", FieldType.Money, "订单金额（元）", "Order amount (CNY)") with { Min = 0, Max = 1_000_000 },
        F("photos", FieldType.Upload, "商品照片", "Photos") with
        {
            AllowedContentTypes = ["image/*"], MaxFileBytes = 5 * 1024 * 1024, MaxLength = 6,
            Condition = When("reason", ConditionOperator.In, "质量问题", "发错货"),
        },
        // The discount approval flow waits for this section; the order amount above picks the approval levels.
        F("discount", FieldType.Section, "折扣申请（客服填写）", "Discount request (agent)"),
        F("discount_amount", FieldType.Money, "申请折扣金额（元）", "Discount asked (CNY)") with { Min = 0, Max = 1_000_000, RequiredToClose = true },
    ];

    private static FormField[] Complaint() =>
    [
        F("contact_name", FieldType.Text, "联系人", "Contact") with { Required = true, MaxLength = 50 },
        F("mobile", FieldType.Phone, "手机号", "Mobile") with { Required = true },
        F("topic", FieldType.SingleSelect, "投诉类别", "Topic") with
        {
            Required = true, Options = Options(("服务态度", "Attitude"), ("维修质量", "Repair quality"), ("上门超时", "Late visit"), ("收费问题", "Charges")),
        },
        F("ticket_no", FieldType.Text, "相关工单号", "Related ticket") with
        {
            MaxLength = 30, Condition = When("topic", ConditionOperator.In, "维修质量", "上门超时", "收费问题"),
        },
        F("details", FieldType.MultiLineText, "投诉内容", "Details") with { Required = true, MaxLength = 1000 },
        F("callback", FieldType.Checkbox, "需要回电", "Call me back"),
        // The complaint flow's 回访 task waits for this section: done when the resolution is written.
        F("follow_up", FieldType.Section, "处理与回访（客服填写）", "Resolution and call back (agent)"),
        F("resolution", FieldType.MultiLineText, "处理结果", "Resolution") with { MaxLength = 1000, RequiredToClose = true },
    ];

    private static FormField[] TrialClass() =>
    [
        F("parent_name", FieldType.Text, "家长姓名", "Parent") with { Required = true, MaxLength = 50 },
        F("mobile", FieldType.Phone, "手机号", "Mobile") with { Required = true },
        F("child_age", FieldType.Number, "孩子年龄", "Child's age") with { Required = true, Min = 3, Max = 18 },
        F("subject", FieldType.SingleSelect, "课程", "Subject") with
        {
            Required = true, Options = Options(("少儿编程", "Coding"), ("美术", "Art"), ("英语", "English"), ("数学思维", "Maths")),
        },
        F("slots", FieldType.MultiSelect, "可上课时间", "Free time slots") with
        {
            Required = true, MinLength = 1,
            Options = Options(("周六上午", "Sat morning"), ("周六下午", "Sat afternoon"), ("周日上午", "Sun morning"), ("周日下午", "Sun afternoon"), ("工作日晚上", "Weekday evening")),
        },
        F("campus", FieldType.Text, "意向校区", "Campus") with { MaxLength = 50 },
    ];
}
