namespace Scrm.Domain.Tickets;

/// <summary>
/// The Chinese names the UI shows for ticket types, priorities and statuses (the same as strings.tsv), so that an
/// API caller may send what a user sees: <see cref="Common.EnumNames"/> accepts them next to the member names.
/// </summary>
public static class TicketNames
{
    public static readonly IReadOnlyDictionary<TicketType, string> Types = new Dictionary<TicketType, string>
    {
        [TicketType.Repair] = "维修",
        [TicketType.Installation] = "安装",
        [TicketType.Maintenance] = "保养",
        [TicketType.Inspection] = "巡检",
        [TicketType.Consultation] = "咨询",
        [TicketType.Complaint] = "投诉",
        [TicketType.Return] = "退换货",
    };

    public static readonly IReadOnlyDictionary<TicketPriority, string> Priorities = new Dictionary<TicketPriority, string>
    {
        [TicketPriority.Low] = "低",
        [TicketPriority.Normal] = "普通",
        [TicketPriority.High] = "高",
        [TicketPriority.Urgent] = "紧急",
    };

    public static readonly IReadOnlyDictionary<TicketStatus, string> Statuses = new Dictionary<TicketStatus, string>
    {
        [TicketStatus.New] = "新建",
        [TicketStatus.Assigned] = "已指派",
        [TicketStatus.Accepted] = "已接单",
        [TicketStatus.EnRoute] = "在途",
        [TicketStatus.OnSite] = "已到场",
        [TicketStatus.InProgress] = "处理中",
        [TicketStatus.OnHold] = "挂起",
        [TicketStatus.Resolved] = "已解决",
        [TicketStatus.Closed] = "已关闭",
        [TicketStatus.Cancelled] = "已取消",
        [TicketStatus.Reopened] = "已重开",
    };

    /// <summary>The table for <typeparamref name="T"/>; empty for an enum the UI shows no Chinese names for.</summary>
    internal static IReadOnlyDictionary<T, string> For<T>() where T : struct, Enum =>
        Types as IReadOnlyDictionary<T, string>
        ?? Priorities as IReadOnlyDictionary<T, string>
        ?? Statuses as IReadOnlyDictionary<T, string>
        ?? new Dictionary<T, string>();
}
