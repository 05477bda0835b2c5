using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>
/// Which trade a ticket needs, read from what it is about (its title, description and device), and which licence
/// that trade requires by law: lifts need 特种设备作业证, wiring 电工证, medical devices the maker's certificate.
/// A dispatcher sees the inferred skill beside the candidates and can assign anyone regardless.
/// </summary>
public static class SkillRules
{
    // First match wins; more specific words first (冷柜 before 柜).
    private static readonly (string Word, string Skill)[] Words =
    [
        ("电梯", "电梯"), ("消防", "消防"), ("烟感", "消防"),
        ("血液", "医疗设备"), ("牙科", "医疗设备"), ("治疗台", "医疗设备"), ("灭菌", "医疗设备"), ("超声", "医疗设备"), ("负压", "医疗设备"),
        ("咖啡", "咖啡机"),
        ("空调", "空调维修"), ("多联机", "空调维修"), ("柜机", "空调维修"),
        ("冷柜", "制冷设备"), ("冷藏", "制冷设备"), ("冰箱", "制冷设备"), ("制冰", "制冷设备"), ("风幕", "制冷设备"), ("冷库", "制冷设备"),
        ("蒸烤", "厨房设备"), ("排烟", "厨房设备"), ("封口", "厨房设备"), ("灶", "厨房设备"),
        ("净水", "给排水"), ("水泵", "给排水"), ("漏水", "给排水"), ("水路", "给排水"), ("热水器", "给排水"),
        ("网络", "弱电网络"), ("门禁", "弱电网络"), ("收银", "弱电网络"), ("平板", "弱电网络"), ("投影", "弱电网络"), ("打印", "弱电网络"),
        ("跳闸", "电气"), ("照明", "电气"), ("线路", "电气"), ("配电", "电气"),
    ];

    private static readonly Dictionary<string, string> Certificates = new()
    {
        ["电梯"] = "特种设备作业证", ["消防"] = "消防设施操作员证", ["电气"] = "电工证", ["医疗设备"] = "医疗器械维修资质",
    };

    /// <summary>The skill a ticket about <paramref name="text"/> needs; null when nothing says.</summary>
    public static string? SkillFor(params string?[] text)
    {
        foreach (var part in text)
        {
            if (string.IsNullOrEmpty(part)) continue;
            foreach (var (word, skill) in Words)
                if (part.Contains(word, StringComparison.Ordinal)) return skill;
        }
        return null;
    }

    public static string? CertificateFor(string? skill) => skill is not null && Certificates.TryGetValue(skill, out var c) ? c : null;

    public static IReadOnlyCollection<string> AllCertificates => Certificates.Values;

    /// <summary>Urgent work goes to the experienced: the lowest skill level a ticket's priority asks for.</summary>
    public static int MinimumLevel(TicketPriority priority) => priority switch
    {
        TicketPriority.Urgent => 3,
        TicketPriority.High => 2,
        _ => 1,
    };
}
