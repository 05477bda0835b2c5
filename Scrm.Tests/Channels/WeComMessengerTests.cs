using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Scrm.App.Features.Channels;

namespace Scrm.Tests.Channels;

/// <summary>The outbound client and messenger against the local qyapi stand-in, with time the test moves.</summary>
public sealed class WeComMessengerSending : IAsyncLifetime
{
    private readonly FakeQyApi _qyApi = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private WeComClient _client = null!;
    private WeComMessenger _messenger = null!;

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = new WeComOptions
        {
            CorpId = FakeQyApi.CorpId, Secret = FakeQyApi.Secret, AgentId = "1000002", ApiBaseUrl = _qyApi.BaseUrl,
        };
        _client = new WeComClient(_services.GetRequiredService<IHttpClientFactory>(), new FixedOptions(options), _clock, NullLogger<WeComClient>.Instance);
        _messenger = new WeComMessenger(_client, _clock);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FetchesTheAccessTokenOnceAndReusesItUntilItExpires()
    {
        await _messenger.SendTextAsync("ZhangWei", "第一条", CancellationToken.None);
        await _messenger.SendTextAsync("ZhangWei", "第二条", CancellationToken.None);

        _qyApi.TokenRequests.Count.ShouldBe(1);
        _qyApi.Sent.Select(s => s.Token).ShouldBe(["token-1", "token-1"]);

        _clock.Advance(TimeSpan.FromHours(2));
        await _messenger.SendTextAsync("ZhangWei", "两小时后", CancellationToken.None);

        _qyApi.TokenRequests.Count.ShouldBe(2);
        _qyApi.Sent.Last().Token.ShouldBe("token-2");
    }

    [Fact]
    public async Task ANotificationGoesToTheRecipientsWeComMemberAsOneTextWithItsSubjectFirst()
    {
        var channel = new WeComNotificationChannel(_messenger);
        var message = new Scrm.App.Features.Notifications.Channels.OutgoingMessage(42, "LiNa", "李娜", "工单已派工", "技术员王强将于 14:00 上门", "SH-20261127-0001");

        await channel.SendAsync(message, CancellationToken.None);

        channel.Channel.ShouldBe(Scrm.Domain.Notifications.NotificationChannel.WeCom);
        var sent = _qyApi.SentTo("LiNa").ShouldHaveSingleItem();
        sent["msgtype"]!.ToString().ShouldBe("text");
        sent["text"]!["content"]!.ToString().ShouldBe("工单已派工\n技术员王强将于 14:00 上门");
    }

    [Theory]
    [InlineData(42001)]
    [InlineData(40014)]
    public async Task FetchesANewTokenWhenWeComCallsItExpiredOrInvalidAndSendsAgain(int code)
    {
        await _messenger.SendTextAsync("ZhangWei", "第一条", CancellationToken.None);
        _qyApi.Refused["token-1"] = code;

        await _messenger.SendTextAsync("ZhangWei", "令牌失效后", CancellationToken.None);

        _qyApi.TokenRequests.Count.ShouldBe(2);
        _qyApi.Sent.Last().Token.ShouldBe("token-2");
        _qyApi.SentTo("ZhangWei").Last()["text"]!["content"]!.ToString().ShouldBe("令牌失效后");
    }

    [Fact]
    public async Task SendsALongTextInPartsOfAtMost2048BytesInOrder()
    {
        var text = string.Concat(Enumerable.Repeat("门店咖啡机不出水😀", 300));

        await _messenger.SendTextAsync("LiNa", text, CancellationToken.None);

        var parts = _qyApi.SentTo("LiNa").Select(m => m["text"]!["content"]!.ToString()).ToList();
        parts.Count.ShouldBeGreaterThan(1);
        parts.ShouldAllBe(p => System.Text.Encoding.UTF8.GetByteCount(p) <= 2048);
        string.Concat(parts).ShouldBe(text);
    }

    [Fact]
    public async Task QueuesTheThirtyFirstMessageToAMemberUntilTheNextMinuteAndDropsNone()
    {
        var sends = Enumerable.Range(1, 31).Select(i => _messenger.SendTextAsync("WangFang", $"第{i}条", CancellationToken.None)).ToList();
        var other = _messenger.SendTextAsync("ChenJie", "别的成员不受影响", CancellationToken.None);

        await Task.WhenAll(sends.Take(30).Append(other));
        await Task.Delay(200);
        _qyApi.SentTo("WangFang").Count.ShouldBe(30);
        sends[30].IsCompleted.ShouldBeFalse();
        _qyApi.SentTo("ChenJie").Count.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        _qyApi.SentTo("WangFang").Count.ShouldBe(30);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await sends[30].WaitAsync(TimeSpan.FromSeconds(10));
        _qyApi.SentTo("WangFang").Select(m => m["text"]!["content"]!.ToString()).ShouldContain("第31条");
        _qyApi.SentTo("WangFang").Count.ShouldBe(31);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _qyApi.DisposeAsync();
    }

    private sealed class FixedOptions(WeComOptions value) : IOptionsMonitor<WeComOptions>
    {
        public WeComOptions CurrentValue => value;
        public WeComOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<WeComOptions, string?> listener) => null;
    }
}
