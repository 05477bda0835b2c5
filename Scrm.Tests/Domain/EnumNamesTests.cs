using Scrm.Domain.Common;
using Scrm.Domain.Customers;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain;

public sealed class EnumInputParsing
{
    [Theory]
    [InlineData("Urgent", TicketPriority.Urgent)]
    [InlineData("urgent", TicketPriority.Urgent)]
    [InlineData("URGENT", TicketPriority.Urgent)]
    [InlineData("low", TicketPriority.Low)]
    [InlineData("Normal", TicketPriority.Normal)]
    public void ReadsAPriorityByItsNameInAnyCase(string text, TicketPriority expected) =>
        Parse<TicketPriority>(text).ShouldBe(expected);

    [Theory]
    [InlineData("enroute", TicketStatus.EnRoute)]
    [InlineData("ONHOLD", TicketStatus.OnHold)]
    [InlineData("Reopened", TicketStatus.Reopened)]
    public void ReadsAStatusByItsNameInAnyCase(string text, TicketStatus expected) =>
        Parse<TicketStatus>(text).ShouldBe(expected);

    [Fact]
    public void ReadsEveryMemberByItsOwnName()
    {
        foreach (var type in Enum.GetValues<TicketType>()) Parse<TicketType>(type.ToString()).ShouldBe(type);
        foreach (var priority in Enum.GetValues<TicketPriority>()) Parse<TicketPriority>(priority.ToString()).ShouldBe(priority);
        foreach (var status in Enum.GetValues<TicketStatus>()) Parse<TicketStatus>(status.ToString()).ShouldBe(status);
        foreach (var tier in Enum.GetValues<CustomerTier>()) Parse<CustomerTier>(tier.ToString()).ShouldBe(tier);
    }

    [Theory]
    [InlineData("维修", TicketType.Repair)]
    [InlineData("保养", TicketType.Maintenance)]
    [InlineData("投诉", TicketType.Complaint)]
    public void ReadsTheChineseNameTheUiShowsForAType(string text, TicketType expected) =>
        Parse<TicketType>(text).ShouldBe(expected);

    [Theory]
    [InlineData("紧急", TicketPriority.Urgent)]
    [InlineData("普通", TicketPriority.Normal)]
    public void ReadsTheChineseNameTheUiShowsForAPriority(string text, TicketPriority expected) =>
        Parse<TicketPriority>(text).ShouldBe(expected);

    [Theory]
    [InlineData("新建", TicketStatus.New)]
    [InlineData("已指派", TicketStatus.Assigned)]
    [InlineData("已取消", TicketStatus.Cancelled)]
    public void ReadsTheChineseNameTheUiShowsForAStatus(string text, TicketStatus expected) =>
        Parse<TicketStatus>(text).ShouldBe(expected);

    [Theory]
    [InlineData("Urgent ")]
    [InlineData(" urgent")]
    [InlineData("\tUrgent\n")]
    [InlineData("\u3000紧急\u3000")]
    public void IgnoresWhitespaceAroundTheName(string text) =>
        Parse<TicketPriority>(text).ShouldBe(TicketPriority.Urgent);

    [Theory]
    [InlineData("Normal,High")]
    [InlineData("Normal, High")]
    [InlineData("High,High")]
    [InlineData("Low|High")]
    [InlineData("普通,高")]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("0x1")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Urg ent")]
    [InlineData("Urgentt")]
    [InlineData("Critical")]
    [InlineData("\"Urgent\"")]
    public void RefusesAnythingButOnePriorityName(string? text)
    {
        EnumNames.TryParse<TicketPriority>(text, out var value).ShouldBeFalse();
        value.ShouldBe(default);
    }

    [Theory]
    [InlineData("Maintenance,Complaint")]
    [InlineData("2")]
    [InlineData("7")]
    public void RefusesATypeListNumberOrUndefinedValue(string text) =>
        EnumNames.TryParse<TicketType>(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("New,Assigned")]
    [InlineData("Closed,New")]
    [InlineData("11")]
    public void RefusesAStatusListOrNumber(string text) =>
        EnumNames.TryParse<TicketStatus>(text, out _).ShouldBeFalse();

    [Fact]
    public void ReadsNoChineseNameForAnEnumThatHasNone() =>
        EnumNames.TryParse<CustomerTier>("金牌", out _).ShouldBeFalse();

    [Fact]
    public void ListsTheMemberNamesAClientMaySend()
    {
        EnumNames.Allowed<TicketPriority>().ShouldBe("Low|Normal|High|Urgent");
        EnumNames.Allowed<TicketType>().ShouldBe(string.Join("|", Enum.GetNames<TicketType>()));
    }

    [Fact]
    public void DisplaysTheChineseNameOrTheMemberNameWhenThereIsNone()
    {
        EnumNames.Display(TicketPriority.Urgent).ShouldBe("紧急");
        EnumNames.Display(TicketStatus.EnRoute).ShouldBe("在途");
        EnumNames.Display(CustomerTier.Gold).ShouldBe("Gold");
    }

    [Fact]
    public void EveryTypePriorityAndStatusHasAChineseName()
    {
        TicketNames.Types.Keys.ShouldBe(Enum.GetValues<TicketType>(), ignoreOrder: true);
        TicketNames.Priorities.Keys.ShouldBe(Enum.GetValues<TicketPriority>(), ignoreOrder: true);
        TicketNames.Statuses.Keys.ShouldBe(Enum.GetValues<TicketStatus>(), ignoreOrder: true);
    }

    /// <summary>The domain's table and the UI's strings are two copies; a caller must be able to send what the UI shows.</summary>
    [Fact]
    public void ChineseNamesAreTheOnesTheUiShows()
    {
        var ui = UiChinese();

        foreach (var (type, name) in TicketNames.Types) ui[$"Type.{type}"].ShouldBe(name);
        foreach (var (priority, name) in TicketNames.Priorities) ui[$"Priority.{priority}"].ShouldBe(name);
        foreach (var (status, name) in TicketNames.Statuses) ui[$"Status.{status}"].ShouldBe(name);
    }

    private static T Parse<T>(string text) where T : struct, Enum
    {
        EnumNames.TryParse<T>(text, out var value).ShouldBeTrue(text);
        return value;
    }

    private static Dictionary<string, string> UiChinese()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scrm.App", "Resources", "strings.tsv"))) dir = dir.Parent;
        dir.ShouldNotBeNull("strings.tsv not found above the test output folder");
        return File.ReadAllLines(Path.Combine(dir.FullName, "Scrm.App", "Resources", "strings.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(f => f[0], f => f[1]);
    }
}
