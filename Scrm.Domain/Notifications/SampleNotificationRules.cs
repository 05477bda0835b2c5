namespace Scrm.Domain.Notifications;

/// <summary>The rule set a new site starts with: customers hear of their ticket by their own channel, staff in the app.</summary>
public static class SampleNotificationRules
{
    private static readonly NotificationChannel[] CustomerChannels = [NotificationChannel.WeCom, NotificationChannel.Sms, NotificationChannel.Email];

    public static IReadOnlyList<NotificationRule> All() =>
    [
        Customer("customer-created", "客户：报修已受理", NotificationEvent.Created,
            new("报修已受理：{number}", "【Scrm】您的报修单 {number} 已受理，我们会尽快安排技师。\n查看进度：{trackingUrl}",
                "Request received: {number}", "[Scrm] Your request {number} is in; we are finding a technician.\nTrack it: {trackingUrl}")),
        Customer("customer-assigned", "客户：已派技师", NotificationEvent.Assigned,
            new("已安排技师：{number}", "【Scrm】工单 {number} 已安排技师 {technician} 为您服务。\n查看进度：{trackingUrl}",
                "Technician assigned: {number}", "[Scrm] {technician} will handle {number}.\nTrack it: {trackingUrl}")),
        Customer("customer-arriving", "客户：技师即将到达", NotificationEvent.Arriving,
            new("技师即将到达：{number}", "【Scrm】技师 {technician} 预计 {eta} 分钟后到达，请保持电话畅通。",
                "Technician arriving: {number}", "[Scrm] {technician} arrives in about {eta} minutes."))
            with { QuietHours = false },
        Customer("customer-resolved", "客户：已解决", NotificationEvent.Resolved,
            new("已解决：{number}", "【Scrm】工单 {number} 已处理完毕，欢迎对本次服务评价。\n评价：{trackingUrl}",
                "Resolved: {number}", "[Scrm] {number} is resolved. Tell us how we did.\nRate us: {trackingUrl}")),
        Staff("assignee-assigned", "技师：新派工单", NotificationEvent.Assigned, null, RecipientKind.Assignee,
            [NotificationChannel.InApp, NotificationChannel.Sms],
            new("新工单 {number}", "新工单 {number}（{city}，{customer}）已派给您，请尽快接单。",
                "New job {number}", "Job {number} ({city}, {customer}) is yours; please accept it.")),
        Staff("assignee-rated", "技师：收到客户评价", NotificationEvent.RatingReceived, null, RecipientKind.Assignee,
            [NotificationChannel.InApp],
            new("客户评价 {number}：{stars} 星", "客户对工单 {number} 给出 {stars} 星。{reason}",
                "Rating for {number}: {stars} stars", "The customer gave {number} {stars} stars. {reason}")),
        Staff("dispatcher-created", "调度：新工单待派", NotificationEvent.Created, null, RecipientKind.Dispatcher,
            [NotificationChannel.InApp],
            new("新工单待派：{number}", "{city} · {customer} 的新工单 {number} 等待派单。",
                "To dispatch: {number}", "New ticket {number} from {customer} in {city} awaits dispatch.")),
        Staff("dispatcher-sla", "调度：SLA 超时", NotificationEvent.Escalation, "NotifySupervisor", RecipientKind.Dispatcher,
            [NotificationChannel.InApp],
            new("SLA 告警：{number}", "工单 {number}：{reason}", "SLA alert: {number}", "Ticket {number}: {reason}")) with { Urgent = true },
        Staff("manager-escalation", "经理：升级", NotificationEvent.Escalation, "NotifyManager", RecipientKind.Manager,
            [NotificationChannel.InApp, NotificationChannel.Email],
            new("升级：{number}", "工单 {number} 已升级到您：{reason}", "Escalated: {number}", "Ticket {number} is escalated to you: {reason}"))
            with { Urgent = true },
        Staff("manager-voice", "经理：严重升级语音呼叫", NotificationEvent.Escalation, "VoiceCall", RecipientKind.Manager,
            [NotificationChannel.InApp, NotificationChannel.Voice],
            new("严重升级：{number}", "紧急：工单 {number} 严重超时，请立即处理。{reason}", "Severe escalation: {number}",
                "Urgent: ticket {number} is badly overdue. {reason}")) with { Urgent = true },
        Staff("sla-warning", "技师与调度：SLA 预警", NotificationEvent.SlaWarning, null, [RecipientKind.Assignee, RecipientKind.Dispatcher],
            [NotificationChannel.InApp, NotificationChannel.Email],
            new("SLA 预警：{number}", "工单 {number} 的 {metric} 时限已用 {percent}%，须在 {due} 前完成。",
                "SLA warning: {number}", "Ticket {number} has used {percent}% of its {metric} time; due by {due}.")),
        Staff("sla-breach", "调度与经理：SLA 超时", NotificationEvent.SlaBreach, null, [RecipientKind.Dispatcher, RecipientKind.Manager],
            [NotificationChannel.InApp, NotificationChannel.Email],
            new("SLA 已超时：{number}", "工单 {number} 的 {metric} 时限（{due}）已超时，请立即处理。",
                "SLA breached: {number}", "Ticket {number} missed its {metric} target ({due}); act now.")) with { Urgent = true },
        Customer("customer-quote-ready", "客户：报价待确认", NotificationEvent.QuoteReady,
            new("报价待确认：¥{total}", "【Scrm】您的工单报价为 ¥{total}，请查看并确认。\n查看报价：{trackingUrl}",
                "Your quote: ¥{total}", "[Scrm] Your quote comes to ¥{total}; please review and accept it.\nSee it: {trackingUrl}")),
        Staff("manager-quote-threshold", "经理：报价超过阈值", NotificationEvent.QuoteThreshold, null, [RecipientKind.Manager],
            [NotificationChannel.InApp, NotificationChannel.Email],
            new("大额报价：{number} ¥{total}", "工单 {number} 的报价达到 ¥{total}：{reason}（{flag}）。",
                "Large quote: {number} ¥{total}", "Ticket {number}'s quote reached ¥{total}: {reason} ({flag}).")),
        Staff("warehouse-stock-low", "仓管：库存低于补货点", NotificationEvent.StockLow, null, [RecipientKind.Role],
            [NotificationChannel.InApp, NotificationChannel.Email],
            new("补货提醒：{sku}", "{warehouse} 的 {sku} 仅剩 {quantity} 件，低于补货点 {reorderPoint}，已生成补货任务。",
                "Reorder: {sku}", "{warehouse} has {quantity} of {sku} left, below its reorder point of {reorderPoint}; a replenishment task is open."))
            with { Recipients = [new RecipientRule(RecipientKind.Role, WarehouseRole)] },
    ];

    /// <summary>The warehouse keepers' role (AppRoles.Warehouse in the app; the domain knows it by name).</summary>
    public const string WarehouseRole = "Warehouse";

    private static NotificationRule Staff(string key, string name, NotificationEvent e, string? action, RecipientKind[] who,
        NotificationChannel[] channels, NotificationTemplate template) =>
        Staff(key, name, e, action, who[0], channels, template) with { Recipients = [.. who.Select(k => new RecipientRule(k))] };

    private static NotificationRule Customer(string key, string name, NotificationEvent e, NotificationTemplate template) => new()
    {
        Key = key, Name = name, Event = e, Recipients = [new RecipientRule(RecipientKind.Customer)], Channels = CustomerChannels, Template = template,
    };

    private static NotificationRule Staff(string key, string name, NotificationEvent e, string? action, RecipientKind who,
        NotificationChannel[] channels, NotificationTemplate template) => new()
    {
        Key = key, Name = name, Event = e, Action = action, Recipients = [new RecipientRule(who)], Channels = channels, Template = template,
    };
}
