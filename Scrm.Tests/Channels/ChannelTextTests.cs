using System.Text;
using Scrm.Domain.Channels;

namespace Scrm.Tests.Channels;

public sealed class ChannelCommandParsing
{
    [Theory]
    [InlineData("报修 门店咖啡机不出水", "门店咖啡机不出水")]
    [InlineData("报修：门店咖啡机不出水", "门店咖啡机不出水")]
    [InlineData("  报修:制冰机不制冰 ", "制冰机不制冰")]
    [InlineData("报修门店空调漏水", "门店空调漏水")]
    [InlineData("repair coffee machine leaks", "coffee machine leaks")]
    [InlineData("Repair: freezer is noisy", "freezer is noisy")]
    public void ReadsARepairWithItsDescription(string text, string description) =>
        ChannelCommand.Parse(text).ShouldBe(new ChannelCommand.Repair(description));

    [Theory]
    [InlineData("查询")]
    [InlineData("进度")]
    [InlineData("进度？")]
    [InlineData("status")]
    public void ReadsAStatusQuery(string text) => ChannelCommand.Parse(text).ShouldBeOfType<ChannelCommand.Status>();

    [Theory]
    [InlineData("你好")]
    [InlineData("报修")]
    [InlineData("repairs are slow")]
    [InlineData("")]
    [InlineData(null)]
    public void TreatsAnythingElseAsUnknown(string? text) => ChannelCommand.Parse(text).ShouldBeOfType<ChannelCommand.Unknown>();
}

public sealed class Utf8Splitting
{
    [Fact]
    public void KeepsAShortTextWhole() => TextSplitter.SplitUtf8("报修 门店咖啡机不出水").ShouldBe(["报修 门店咖啡机不出水"]);

    [Fact]
    public void SplitsChineseIntoPartsOfAtMost2048BytesWithoutBreakingACharacter()
    {
        var text = string.Concat(Enumerable.Repeat("咖啡机不出水", 200)); // 1,200 characters of 3 bytes: 3,600 bytes

        var parts = TextSplitter.SplitUtf8(text);

        parts.Count.ShouldBe(2);
        parts.ShouldAllBe(p => Encoding.UTF8.GetByteCount(p) <= TextSplitter.WeComMaxBytes);
        Encoding.UTF8.GetByteCount(parts[0]).ShouldBe(2046); // 682 characters; a 683rd would make 2,049
        string.Concat(parts).ShouldBe(text);
    }

    [Fact]
    public void NeverCutsAnEmojiBetweenItsSurrogates()
    {
        // "a" then 4-byte emoji: every part boundary falls where an emoji would straddle it.
        var text = "a" + string.Concat(Enumerable.Repeat("😀", 1000));

        var parts = TextSplitter.SplitUtf8(text);

        parts.ShouldAllBe(p => Encoding.UTF8.GetByteCount(p) <= TextSplitter.WeComMaxBytes);
        foreach (var part in parts) (char.IsHighSurrogate(part[^1]) || char.IsLowSurrogate(part[0])).ShouldBeFalse();
        string.Concat(parts).ShouldBe(text);
        Encoding.UTF8.GetByteCount(parts[0]).ShouldBe(2045); // "a" + 511 emoji; a 512th would make 2,049
    }

    [Fact]
    public void PrefersALineBreakInTheSecondHalfOfAPart()
    {
        var first = new string('x', 1500) + "\n";
        var text = first + new string('y', 1000);

        var parts = TextSplitter.SplitUtf8(text);

        parts.ShouldBe([first, new string('y', 1000)]);
    }
}

public sealed class PerMemberSendWindow
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void LetsThirtyGoNowAndQueuesTheThirtyFirstToTheNextMinute()
    {
        var window = SendWindow.WeCom();

        var slots = Enumerable.Range(0, 31).Select(_ => window.Reserve("ZhangWei", Start)).ToList();

        slots.Take(30).ShouldAllBe(s => s == Start);
        slots[30].ShouldBe(Start.AddMinutes(1));
    }

    [Fact]
    public void NeverDropsAndKeepsEveryMinuteAtThirty()
    {
        var window = SendWindow.WeCom();

        var slots = Enumerable.Range(0, 100).Select(_ => window.Reserve("ZhangWei", Start)).ToList();

        slots.Count.ShouldBe(100);
        slots.ShouldBe(slots.OrderBy(s => s).ToList());
        foreach (var slot in slots)
            slots.Count(s => s > slot.AddMinutes(-1) && s <= slot).ShouldBeLessThanOrEqualTo(30);
        slots[^1].ShouldBe(Start.AddMinutes(3));
    }

    [Fact]
    public void CountsEachMemberOnItsOwn()
    {
        var window = SendWindow.WeCom();
        for (var i = 0; i < 30; i++) window.Reserve("ZhangWei", Start);

        window.Reserve("LiNa", Start).ShouldBe(Start);
        window.Reserve("ZhangWei", Start.AddSeconds(59)).ShouldBe(Start.AddMinutes(1));
        window.Reserve("ZhangWei", Start.AddSeconds(61)).ShouldBe(Start.AddSeconds(61), "the first thirty have left the window");
    }
}

public sealed class WebhookSigning
{
    [Fact]
    public void AcceptsTheBodysSignatureAndRefusesAnyOther()
    {
        var body = Encoding.UTF8.GetBytes("""{"title":"冷柜不制冷"}""");
        var signature = WebhookSignature.Compute("s3cret", body);

        signature.ShouldStartWith("sha256=");
        WebhookSignature.Verify("s3cret", body, signature).ShouldBeTrue();
        WebhookSignature.Verify("s3cret", body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=")).ShouldBeTrue();
        WebhookSignature.Verify("other", body, signature).ShouldBeFalse();
        WebhookSignature.Verify("s3cret", Encoding.UTF8.GetBytes("""{"title":"冷柜不制冷 "}"""), signature).ShouldBeFalse();
        WebhookSignature.Verify("", body, WebhookSignature.Compute("", body)).ShouldBeFalse("a source without a secret accepts nothing");
    }
}

public sealed class WeComSettings
{
    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDE!G", false)]
    [InlineData("", false)]
    public void ReceiveOnlyWithAKeyThatDecodesTo32Bytes(string key, bool expected) =>
        new Scrm.App.Features.Channels.WeComOptions { Token = "t", CorpId = "ww1", EncodingAesKey = key }.CanReceive.ShouldBe(expected);
}
