using Scrm.Domain.Notifications;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Notifications;

public sealed class NotificationRuleMatching
{
    private static readonly NotificationTemplate Template = new("工单 {number}", "您的工单 {number} 已受理", "Ticket {number}", "Your ticket {number} is in");

    private static NotificationRule Rule(NotificationEvent e, string? action = null, bool enabled = true) => new()
    {
        Key = "r1", Name = "规则", Event = e, Action = action, Enabled = enabled,
        Recipients = [new RecipientRule(RecipientKind.Customer)], Channels = [NotificationChannel.Sms], Template = Template,
    };

    private static T Ticket<T>(T e) where T : TicketDomainEvent => e with { Number = "SH-20261127-0001", Region = "华东", Status = TicketStatus.New };

    [Fact]
    public void EachTicketEventWithAKindBecomesItsTrigger()
    {
        NotificationTrigger.From(Ticket(new TicketCreated(TicketType.Repair, TicketPriority.Normal, 1, "上海")))!.Event.ShouldBe(NotificationEvent.Created);
        NotificationTrigger.From(Ticket(new TicketAssigned(null, 3, "王师傅")))!.Values["technician"].ShouldBe("王师傅");
        NotificationTrigger.From(Ticket(new TechnicianArriving(15)))!.Values["eta"].ShouldBe("15");
        var rated = NotificationTrigger.From(Ticket(new TicketRated(2, "迟到一小时")))!;
        (rated.Event, rated.Values["stars"], rated.Values["reason"]).ShouldBe((NotificationEvent.RatingReceived, "2", "迟到一小时"));
        NotificationTrigger.From(Ticket(new TicketStatusChanged(TicketStatus.OnSite, TicketStatus.Resolved, null, null)))!.Event.ShouldBe(NotificationEvent.Resolved);
        var escalated = NotificationTrigger.From(Ticket(new TicketEscalated("sla", "VoiceCall", "Manager", "响应超时")))!;
        (escalated.Event, escalated.Action, escalated.Values["reason"]).ShouldBe((NotificationEvent.Escalation, "VoiceCall", "响应超时"));
    }

    [Fact]
    public void EventsNoRuleListensForGiveNoTrigger()
    {
        NotificationTrigger.From(Ticket(new TicketCommented("hi"))).ShouldBeNull();
        NotificationTrigger.From(Ticket(new TicketStatusChanged(TicketStatus.InProgress, TicketStatus.OnHold, "等配件", null))).ShouldBeNull();
    }

    [Fact]
    public void ARuleMatchesItsEventAndOnlyItsActionWhenItNamesOne()
    {
        var voice = NotificationTrigger.From(Ticket(new TicketEscalated("sla", "VoiceCall", null, "超时")))!;
        var remind = NotificationTrigger.From(Ticket(new TicketEscalated("sla", "RemindAssignee", null, "提醒")))!;
        Rule(NotificationEvent.Escalation).Matches(voice).ShouldBeTrue();
        Rule(NotificationEvent.Escalation, "VoiceCall").Matches(voice).ShouldBeTrue();
        Rule(NotificationEvent.Escalation, "VoiceCall").Matches(remind).ShouldBeFalse();
        Rule(NotificationEvent.Created).Matches(voice).ShouldBeFalse();
        Rule(NotificationEvent.Escalation, enabled: false).Matches(voice).ShouldBeFalse();
    }

    [Fact]
    public void ACustomerGetsOneMessageOnTheChannelTheyPreferWhenTheRuleOffersIt()
    {
        var rule = Rule(NotificationEvent.Created) with { Channels = [NotificationChannel.Sms, NotificationChannel.Email, NotificationChannel.WeCom] };
        var customer = new Recipient(RecipientKind.Customer, "customer:1", "星巴克", "zh-CN", new Dictionary<NotificationChannel, string>
        {
            [NotificationChannel.Sms] = "13800000000", [NotificationChannel.Email] = "a@b.cn",
        });
        rule.ChannelsFor(customer, new ChannelPreference(true, true, true, false, NotificationChannel.Email)).ShouldBe([NotificationChannel.Email]);
        // Prefers WeCom but has no WeCom address: the first channel the rule offers that they accept.
        rule.ChannelsFor(customer, new ChannelPreference(false, true, true, false, NotificationChannel.WeCom)).ShouldBe([NotificationChannel.Email]);
        rule.ChannelsFor(customer, new ChannelPreference(false, false, false, false, null)).ShouldBeEmpty();
    }

    [Fact]
    public void StaffGetEveryChannelOfTheRuleTheyHaveAnAddressFor()
    {
        var rule = Rule(NotificationEvent.Escalation) with { Channels = [NotificationChannel.InApp, NotificationChannel.Email, NotificationChannel.Sms] };
        var manager = new Recipient(RecipientKind.Manager, "u1", "经理", "zh-CN", new Dictionary<NotificationChannel, string>
        {
            [NotificationChannel.InApp] = "u1", [NotificationChannel.Email] = "m@demo.scrm",
        });
        rule.ChannelsFor(manager, null).ShouldBe([NotificationChannel.InApp, NotificationChannel.Email]);
    }

    [Fact]
    public void ValidationNamesEveryReason()
    {
        var bad = new NotificationRule
        {
            Key = "bad key!", Name = "", Event = NotificationEvent.Created, Action = "VoiceCall",
            Recipients = [new RecipientRule(RecipientKind.Role), new RecipientRule(RecipientKind.Customer)],
            Channels = [NotificationChannel.InApp],
            Template = new("{number}", "{nmuber} 已受理", "", ""),
        };
        bad.Validate().Select(p => p.Code).ShouldBe([
            RuleProblemCodes.BadKey, RuleProblemCodes.MissingName, RuleProblemCodes.RecipientNeedsValue, RuleProblemCodes.CustomerHasNoInbox,
            RuleProblemCodes.MissingBody, RuleProblemCodes.UnknownPlaceholder, RuleProblemCodes.ActionOnlyForEscalation,
        ], ignoreOrder: true);
        Rule(NotificationEvent.Created).Validate().ShouldBeEmpty();
    }
}

public sealed class NotificationTemplateRendering
{
    private static readonly NotificationTemplate Template = new(
        "工单 {number} 已派单", "技师 {technician} 将为您服务。\n查看进度：{trackingUrl}",
        "Ticket {number} assigned", "{technician} will serve you.\nTrack it: {trackingUrl}");

    [Fact]
    public void FillsPlaceholdersInTheRecipientsLanguage()
    {
        var values = new Dictionary<string, string?> { ["number"] = "BJ-1", ["technician"] = "李师傅", ["trackingUrl"] = "https://x/t/abc" };
        Template.Render("zh-CN", values).ShouldBe(new RenderedMessage("工单 BJ-1 已派单", "技师 李师傅 将为您服务。\n查看进度：https://x/t/abc"));
        Template.Render("en", values).Subject.ShouldBe("Ticket BJ-1 assigned");
    }

    [Fact]
    public void LeavesOutALineWhosePlaceholderHasNoValue()
    {
        var values = new Dictionary<string, string?> { ["number"] = "BJ-1", ["technician"] = "李师傅", ["trackingUrl"] = null };
        Template.Render("zh-CN", values).Body.ShouldBe("技师 李师傅 将为您服务。");
    }
}

public sealed class NotificationQuietHours
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTimeOffset Local(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void AMessageQueuedAt2359WaitsUntil0800TheNextMorning()
    {
        QuietHours.Night.ReleaseAt(Local(27, 23, 59), Shanghai).ShouldBe(Local(28, 8, 0));
    }

    [Fact]
    public void AMessageQueuedAfterMidnightWaitsUntil0800TheSameMorning()
    {
        QuietHours.Night.ReleaseAt(Local(28, 0, 30), Shanghai).ShouldBe(Local(28, 8, 0));
        QuietHours.Night.ReleaseAt(Local(28, 7, 59), Shanghai).ShouldBe(Local(28, 8, 0));
    }

    [Fact]
    public void OutsideTheWindowAMessageGoesAtOnce()
    {
        QuietHours.Night.ReleaseAt(Local(27, 8, 0), Shanghai).ShouldBe(Local(27, 8, 0));
        QuietHours.Night.ReleaseAt(Local(27, 21, 59), Shanghai).ShouldBe(Local(27, 21, 59));
        // Customers' window starts earlier.
        QuietHours.For(RecipientKind.Customer).ReleaseAt(Local(27, 21, 30), Shanghai).ShouldBe(Local(28, 8, 0));
    }

    [Fact]
    public void AnInstantGivenInUtcIsJudgedByShanghaiTime()
    {
        // 15:59 UTC is 23:59 in Shanghai (UTC+8 all year, no daylight saving); 16:00 UTC is 00:00 the next day.
        var utc = new DateTimeOffset(2026, 11, 27, 15, 59, 0, TimeSpan.Zero);
        QuietHours.Night.ReleaseAt(utc, Shanghai).ShouldBe(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        QuietHours.Night.ReleaseAt(utc, Shanghai).Offset.ShouldBe(TimeSpan.Zero);
        // 09:00 UTC is 17:00 in Shanghai: not quiet, though 09:00 would be quiet nowhere and 01:00 UTC+8 would be.
        var afternoon = new DateTimeOffset(2026, 6, 21, 9, 0, 0, TimeSpan.Zero);
        QuietHours.Night.ReleaseAt(afternoon, Shanghai).ShouldBe(afternoon);
    }

    [Fact]
    public void ADaytimeWindowDoesNotSpanMidnight()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 30));
        lunch.ReleaseAt(Local(27, 12, 10), Shanghai).ShouldBe(Local(27, 13, 30));
        lunch.ReleaseAt(Local(27, 23, 0), Shanghai).ShouldBe(Local(27, 23, 0));
    }
}

public sealed class NotificationRateLimits
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void UnderTheLimitAMessageGoesWhenWanted()
    {
        new RateLimit(3, TimeSpan.FromHours(1)).NextSlot(Now, [Now.AddMinutes(-10), Now.AddMinutes(-5)]).ShouldBe(Now);
    }

    [Fact]
    public void OverTheLimitAMessageWaitsUntilTheOldestLeavesTheWindow()
    {
        var limit = new RateLimit(3, TimeSpan.FromHours(1));
        limit.NextSlot(Now, [Now.AddMinutes(-50), Now.AddMinutes(-20), Now.AddMinutes(-5)]).ShouldBe(Now.AddMinutes(10));
        // Messages already queued for later count too: the fourth waits behind them.
        limit.NextSlot(Now, [Now, Now.AddMinutes(1), Now.AddMinutes(2)]).ShouldBe(Now.AddMinutes(60));
    }
}

public sealed class NotificationDedupAndRetry
{
    [Fact]
    public void TheDedupKeyIsTheEventRuleRecipientAndChannel()
    {
        var id = Guid.Parse("0192e0f0-0000-7000-8000-000000000001");
        DedupKey.For(id, "created", "customer:7", NotificationChannel.Sms).ShouldBe($"{id:N}|created|customer:7|Sms");
        DedupKey.For(id, "created", "customer:7", NotificationChannel.Email).ShouldNotBe(DedupKey.For(id, "created", "customer:7", NotificationChannel.Sms));
        DedupKey.For(id, "voice", "u1", NotificationChannel.Voice, round: 2).ShouldEndWith("|Voice|2");
    }

    [Fact]
    public void BackoffDoublesWithJitterUpToTheCap()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        policy.DelayAfter(1, 0).ShouldBe(TimeSpan.FromSeconds(2));
        policy.DelayAfter(2, 0).ShouldBe(TimeSpan.FromSeconds(4));
        policy.DelayAfter(3, 0.5).ShouldBe(TimeSpan.FromSeconds(10));   // 8 s + a quarter
        policy.DelayAfter(9, 0).ShouldBe(TimeSpan.FromSeconds(10));
        policy.IsExhausted(4).ShouldBeFalse();
        policy.IsExhausted(5).ShouldBeTrue();
    }
}
