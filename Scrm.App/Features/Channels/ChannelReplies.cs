using System.Text;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Channels;

/// <summary>
/// What the service desk answers in the chat. Customers write in Chinese and WeCom has no language switch for an
/// application's messages, so the replies are Chinese; they are not UI strings of the app.
/// </summary>
public static class ChannelReplies
{
    public static string TicketOpened(string number, string? link) =>
        link is null
            ? $"已收到您的报修，工单号 {number}。我们会尽快安排技师与您联系。"
            : $"已收到您的报修，工单号 {number}。我们会尽快安排技师与您联系。\n查看进度：{link}";

    public const string UnknownSender = "抱歉，我们尚未登记您的企业微信账号，暂时无法为您自动建单。请联系服务台 400-820-1234，我们会为您登记。";

    public const string Help = "您好！发送「报修 故障描述」即可报修，例如：报修 门店咖啡机不出水。\n发送「查询」或「进度」可查看您未完成工单的进度。";

    public const string NoOpenTickets = "您目前没有未完成的工单。如需报修，请发送「报修 故障描述」。";

    public const string NotAccepted = "抱歉，您的报修未能自动建单，服务台会尽快与您联系。";

    public static string OpenTickets(IReadOnlyList<(string Number, string Title, TicketStatus Status, string? Link)> tickets)
    {
        var text = new StringBuilder($"您有 {tickets.Count} 张未完成的工单：");
        foreach (var (number, title, status, link) in tickets)
        {
            text.Append('\n').Append(number).Append(' ').Append(title).Append(" — ").Append(TicketNames.Statuses[status]);
            if (link is not null) text.Append(' ').Append(link);
        }
        return text.ToString();
    }
}
