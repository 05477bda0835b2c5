using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Notifications;
using Scrm.Domain.Notifications;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>The bell and /admin/notifications on the shared host.</summary>
[Collection(AppCollection.Name)]
public sealed class NotificationComponentTests : AppComponentContext
{
    public NotificationComponentTests(TestApp app) : base(app)
    {
        Services.AddSingleton(app.Get<NotificationService>());
        Services.AddSingleton(app.Get<NotificationQueries>());
        Services.AddSingleton(app.Get<InboxNotifier>());
    }

    private void SignInAs(string name, string role)
    {
        SignIn(name, role, AccessScope.AllRegionsValue);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private async Task<InboxItem> PutInInboxAsync(string userId, string subject)
    {
        var item = new InboxItem { UserId = userId, EventId = Guid.NewGuid(), Subject = subject, Body = "测试", CreatedAt = DateTimeOffset.UtcNow };
        await using var db = await App.DbAsync();
        // An inbox item belongs to a delivery; a unique negative id stands in for one this test did not send.
        item.DeliveryId = -Random.Shared.NextInt64(1, long.MaxValue);
        db.NotificationInbox.Add(item);
        await db.SaveChangesAsync();
        return item;
    }

    [Fact]
    public async Task TheBellCountsUnreadItemsAndShowsANewOneAsItArrives()
    {
        var name = TestApp.Marker("调度");
        var userId = "bunit-" + name;
        await PutInInboxAsync(userId, "新工单待派：SH-1");
        SignInAs(name, AppRoles.Dispatcher);

        var cut = RenderPage<NotificationBell>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("1"));

        var second = await PutInInboxAsync(userId, "SLA 告警：SH-2");
        App.Get<InboxNotifier>().Publish([new InboxNotice(userId, second.Id, second.Subject, Urgent: true)]);

        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("2"));
        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("SLA 告警：SH-2"));
    }

    [Fact]
    public async Task TheMuteSwitchInTheBellIsKeptForTheUser()
    {
        var name = TestApp.Marker("忙碌调度");
        var scope = TestApp.Scope("bunit-" + name, name, AppRoles.Dispatcher, true);
        SignInAs(name, AppRoles.Dispatcher);
        var cut = RenderPage<NotificationBell>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("0"));
        (await App.Get<NotificationService>().ToastsMutedAsync(scope)).ShouldBeFalse();

        await cut.Find("[data-testid=notification-bell] button").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=mute-toasts] input, input[data-testid=mute-toasts]"));
        await cut.Find("[data-testid=mute-toasts] input, input[data-testid=mute-toasts]").ChangeAsync(new ChangeEventArgs { Value = true });

        await WaitUntilAsync(() => App.Get<NotificationService>().ToastsMutedAsync(scope));
    }

    [Fact]
    public async Task AMutedBellStillCountsANewItemButShowsNoToast()
    {
        var name = TestApp.Marker("忙碌调度");
        var userId = "bunit-" + name;
        await App.Get<NotificationService>().MuteToastsAsync(TestApp.Scope(userId, name, AppRoles.Dispatcher, true), true);
        SignInAs(name, AppRoles.Dispatcher);
        var cut = RenderPage<NotificationBell>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("0"));

        var item = await PutInInboxAsync(userId, "新工单待派：SH-9");
        App.Get<InboxNotifier>().Publish([new InboxNotice(userId, item.Id, item.Subject, Urgent: false)]);

        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("1"));
        await Task.Delay(200);
        Snackbars(cut).ShouldBeEmpty();
    }

    [Fact]
    public async Task ABurstOfNoticesToastsOnlyAFewAtATimeButCountsThemAll()
    {
        var name = TestApp.Marker("繁忙调度");
        var userId = "bunit-" + name;
        SignInAs(name, AppRoles.Dispatcher);
        var cut = RenderPage<NotificationBell>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("0"));

        var burst = new List<InboxNotice>();
        for (var i = 1; i <= 6; i++)
        {
            var item = await PutInInboxAsync(userId, $"SLA 告警：HZ-{i}");
            burst.Add(new InboxNotice(userId, item.Id, item.Subject, Urgent: true));
        }
        foreach (var notice in burst) App.Get<InboxNotifier>().Publish([notice]);

        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("6"));
        await Task.Delay(200);
        // Which three depends on the order the arrivals' reads finish in; MudBlazor alone would show five and queue one.
        Snackbars(cut).Count.ShouldBe(NotificationBell.MaxToasts);
        Snackbars(cut).ShouldAllBe(text => burst.Any(n => n.Subject == text));
        NotificationBell.MaxToasts.ShouldBe(3);
    }

    [Fact]
    public void ANoticeIsCountedFromTheNoticeWithoutReadingTheInboxAgain()
    {
        // Every open page of a user took each notice and re-read the count at once (pages × notices queries, the
        // connection pool grew to match); the notice itself says one more unread item. This one is not in the table,
        // so a bell that read the count back would still show 0.
        var name = TestApp.Marker("通知计数");
        var userId = "bunit-" + name;
        SignInAs(name, AppRoles.Dispatcher);
        var cut = RenderPage<NotificationBell>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("0"));

        App.Get<InboxNotifier>().Publish([new InboxNotice(userId, ItemId: -1, "SLA 告警：未入库", Urgent: false)]);

        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("1"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50 && !await condition(); i++) await Task.Delay(100);
        (await condition()).ShouldBeTrue();
    }

    [Fact]
    public async Task ABellIgnoresOtherUsersNotices()
    {
        var name = TestApp.Marker("经理");
        SignInAs(name, AppRoles.Manager);
        var cut = RenderPage<NotificationBell>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("0"));

        var other = await PutInInboxAsync("bunit-someone-else", "不是你的");
        App.Get<InboxNotifier>().Publish([new InboxNotice("bunit-someone-else", other.Id, other.Subject, false)]);
        await Task.Delay(200);

        cut.Find("[data-testid=bell-unread]").TextContent.ShouldBe("0");
        Snackbars(cut).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAdminSeesTheRulesFiltersDeadLettersAndRetriesOne()
    {
        SignInAs("管理员", AppRoles.Admin);
        var cut = RenderPage<NotificationAdminPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=rule-customer-created]").TextContent.ShouldContain("客户：报修已受理"));
        cut.Find("[data-testid=rule-manager-voice]").TextContent.ShouldContain("语音电话");

        await cut.Find("[data-testid=filter-DeadLettered]").ClickAsync(new());
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=delivery-status]").Select(s => s.TextContent).ShouldAllBe(t => t == "死信"));
        var row = cut.FindAll("[data-testid^=delivery-]").First(e => e.GetAttribute("data-testid")!.Length > "delivery-".Length && e.TagName == "TR");
        var id = long.Parse(row.GetAttribute("data-testid")!["delivery-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        await row.QuerySelector("[data-testid=retry]")!.ClickAsync(new());

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("已重新排队"));
        await using var db = await App.DbAsync();
        (await db.NotificationDeliveries.SingleAsync(d => d.Id == id)).Status.ShouldBe(DeliveryStatus.Pending);
    }

    [Fact]
    public async Task ASavedRuleWithProblemsShowsEachBesideItsField()
    {
        SignInAs("管理员", AppRoles.Admin);
        var cut = RenderPage<NotificationAdminPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-rule]"));
        await cut.Find("[data-testid=new-rule]").ClickAsync(new());
        await cut.Find("[data-testid=save-rule]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=rule-editor]").TextContent.ShouldContain("请填写标识"));
        var editor = cut.Find("[data-testid=rule-editor]").TextContent;
        editor.ShouldContain("至少选择一个接收人");
        editor.ShouldContain("至少选择一个渠道");
        editor.ShouldContain("请填写正文");
    }

    [Fact]
    public void ADispatcherIsRefusedTheDeliveries()
    {
        SignInAs("调度", AppRoles.Dispatcher);
        var cut = RenderPage<NotificationAdminPage>();
        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("只有管理员可以管理通知规则和投递"));
        cut.FindAll("[data-testid=deliveries] tbody tr").ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAgentChangesACustomersSubscriptionOnTheCustomerPage()
    {
        long customerId;
        await using (var db = await App.DbAsync())
            customerId = await db.Customers.Where(c => !db.CustomerChannelPreferences.Any(p => p.CustomerId == c.Id)).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        SignInAs("客服", AppRoles.Agent);
        var cut = RenderPage<CustomerChannelsPanel>(("CustomerId", customerId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=email-address]"));

        var sms = cut.Find("[data-testid=opt-sms]");
        await (sms.TagName == "INPUT" ? sms : sms.QuerySelector("input")!).ChangeAsync(new() { Value = false });
        await cut.Find("[data-testid=email-address]").ChangeAsync(new() { Value = "shop@example.cn" });
        await cut.Find("[data-testid=save-channels]").ClickAsync(new());

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain("已保存"));
        await using var check = await App.DbAsync();
        var saved = await check.CustomerChannelPreferences.SingleAsync(p => p.CustomerId == customerId);
        (saved.Sms, saved.Email, saved.EmailAddress).ShouldBe((false, true, "shop@example.cn"));
    }

    [Fact]
    public async Task AFinanceUserMayReadButNotChangeSubscriptions()
    {
        long customerId;
        await using (var db = await App.DbAsync()) customerId = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        SignInAs("财务", AppRoles.Finance);
        var cut = RenderPage<CustomerChannelsPanel>(("CustomerId", customerId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=email-address]"));
        cut.FindAll("[data-testid=save-channels]").ShouldBeEmpty();
        var finance = TestApp.Scope("finance", "财务", AppRoles.Finance, allRegions: true);
        await Should.ThrowAsync<Scrm.App.Features.Shared.AccessDeniedException>(() =>
            App.Get<NotificationService>().SavePreferenceAsync(finance, new CustomerChannelPreference { CustomerId = customerId }));
    }
}
