using Scrm.Domain.Tickets;

namespace Scrm.App.Data.Seed;

/// <summary>Plausible businesses, people and faults for the demo: chain stores, clinics, schools in real cities.</summary>
internal static class DemoCatalog
{
    /// <summary>An industry of industries.csv (by its stored name) with the businesses, sites and faults the demo makes up for it.</summary>
    public sealed record Industry(string Name, string[] Brands, string[] Branches, string[] DeviceModels, string[] Faults);

    public static readonly Industry[] Industries =
    [
        new("餐饮", ["川湘小馆", "鲜味坊", "粤式点心楼", "老街涮肉", "江南面馆", "渔歌烤鱼"],
            ["万达店", "步行街店", "大学城店", "高铁站店", "中心广场店"],
            ["海尔 SC-650 商用冷柜", "美的 MG-8 蒸烤箱", "方太 EH-S 排烟系统", "格力 KFR-72LW 空调"],
            ["冷柜温度过高", "排烟管道漏油", "蒸烤箱无法加热", "空调不制冷", "后厨跳闸"]),
        new("茶饮", ["茶语时光", "柠檬工坊", "鲜茶道", "奶茶研究所", "山野茶铺"],
            ["商场店", "地铁站店", "滨江店", "科技园店", "老城店"],
            ["WMF 1500S 咖啡机", "雪花 XH-200 制冰机", "碧水源 RO-400 净水器", "海尔 SC-340 冷藏柜"],
            ["咖啡机不出水", "制冰机不制冰", "净水器漏水", "封口机温控失灵", "冷藏柜异响"]),
        new("零售", ["乐活便利", "优选超市", "每日鲜生", "邻里生鲜", "百汇商城"],
            ["社区店", "旗舰店", "东门店", "南站店", "新城店"],
            ["商米 T2 收银机", "海信 SC-1800 风幕柜", "大金 RXYQ 多联机", "霍尼韦尔 防盗门禁"],
            ["收银机无法开机", "风幕柜结霜", "门禁系统失灵", "照明线路故障", "冷库温度报警"]),
        new("家电售后", ["美居家电服务", "冷暖空调工程", "安心家电维修", "速达售后中心"],
            ["服务站", "直营网点", "授权网点"],
            ["格力 KFR-35GW 空调", "海尔 EG100 洗衣机", "美的 BCD-516 冰箱", "万和 JSQ24 燃气热水器"],
            ["空调漏水", "洗衣机不脱水", "冰箱不制冷", "热水器点不着火", "空调外机噪音大"]),
        new("教育", ["启明教育", "星火少儿编程", "博雅艺术中心", "智慧树早教"],
            ["校区", "学习中心", "体验中心"],
            ["希沃 65寸 交互平板", "爱普生 CB-X50 投影仪", "格力 KFR-120LW 柜机", "联想 M7400 打印机"],
            ["交互平板触控失灵", "投影仪无画面", "教室空调不制冷", "打印机卡纸", "网络掉线"]),
        new("医疗", ["仁和口腔", "康宁社区诊所", "瑞华医院", "安康体检中心", "佳美医疗美容"],
            ["门诊部", "分院", "体检中心"],
            ["迈瑞 BC-5000 血液分析仪", "西诺德 Intego 牙科综合治疗台", "新华 MAST-H 灭菌器", "GE Vivid T8 超声"],
            ["灭菌器压力异常", "治疗台水路堵塞", "血液分析仪报错 E12", "超声探头图像噪点", "负压吸引无力"]),
        new("物业", ["绿城物业服务中心", "安居物业", "万家物业管理"],
            ["小区服务中心", "写字楼项目部"],
            ["奥的斯 GeN2 电梯", "海康 DS-K 门禁", "格兰富 CR 水泵", "西门子 消防主机"],
            ["电梯困人", "门禁刷卡无反应", "二次供水水泵异响", "消防主机误报", "地下车库照明故障"]),
    ];

    /// <summary>A chain served as one customer, with stores in several regions; its first store's region is its home.</summary>
    public sealed record Chain(string Name, string Industry, (string City, string Branch)[] Stores);

    public static readonly Chain[] Chains =
    [
        new("椰语奶茶", "茶饮", [("上海", "南京路店"), ("杭州", "西湖店"), ("广州", "天河店"), ("深圳", "南山店")]),
        new("山岚咖啡", "茶饮", [("北京", "国贸店"), ("北京", "望京店"), ("成都", "春熙路店")]),
        new("粤港烧腊", "餐饮", [("广州", "上下九店"), ("深圳", "福田店"), ("上海", "徐家汇店")]),
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    public static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强", "晓东", "海燕", "俊杰", "子涵", "浩然", "雨轩"];
    public static readonly string[] Streets = ["人民路", "中山路", "解放路", "建设路", "和平路", "新华路", "文化路", "长江路", "青年路", "滨河路", "南京路", "科技路"];

    public static IReadOnlyList<ReferenceName> Skills => ReferenceData.Skills;

    /// <summary>The contact a chain names at its head office.</summary>
    public static readonly ReferenceName HeadOfficeRole = ReferenceData.ContactRoles.Single(r => r.Chinese == "总部设备主管");

    /// <summary>The roles a store's own contacts have.</summary>
    public static readonly ReferenceName[] ContactRoles = ReferenceData.ContactRoles.Where(r => r != HeadOfficeRole).ToArray();

    public static string TitleFor(TicketType type, string fault, string model) => type switch
    {
        TicketType.Repair => fault,
        TicketType.Installation => $"新设备安装：{model}",
        TicketType.Maintenance => $"季度保养：{model}",
        TicketType.Inspection => $"例行巡检：{model}",
        TicketType.Consultation => $"产品咨询：{model} 选型",
        TicketType.Complaint => $"投诉：{fault}维修后复发",
        _ => fault,
    };
}
