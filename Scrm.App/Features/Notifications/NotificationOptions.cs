using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications;

/// <summary>Settings of section "Notifications".</summary>
public sealed class NotificationOptions
{
    /// <summary>An event older than this when the handler sees it (the demo seed's history, a long outage) notifies nobody.</summary>
    public int MaxEventAgeMinutes { get; set; } = 120;
    public int RateLimitMax { get; set; } = 5;
    public int RateLimitWindowMinutes { get; set; } = 60;
    public int MaxAttempts { get; set; } = 6;
    public double RetryBaseSeconds { get; set; } = 5;
    public double RetryMaxSeconds { get; set; } = 1800;
    /// <summary>Rows one worker pass claims at once; their sends run concurrently up to <see cref="Concurrency"/>.</summary>
    public int BatchSize { get; set; } = 200;
    public int Concurrency { get; set; } = 32;
    public int LeaseSeconds { get; set; } = 60;
    public double PollSeconds { get; set; } = 5;
    /// <summary>Voice escalations call again every this many minutes until acknowledged, at most <see cref="VoiceRounds"/> calls.</summary>
    public int VoiceRepeatMinutes { get; set; } = 5;
    public int VoiceRounds { get; set; } = 3;
    /// <summary>
    /// A quote is edited line by line: its "quote ready" message waits this long after the first edit, and the edits
    /// meanwhile change that one message (the newest total) instead of adding one each.
    /// </summary>
    public int QuoteDebounceMinutes { get; set; } = 3;
    /// <summary>How long the rule cache trusts itself without a save on this server (another server's save).</summary>
    public int RuleCacheSeconds { get; set; } = 60;
    public string? InstanceId { get; set; }
    /// <summary>Off: nothing sends in the background (tests and benchmarks drive <see cref="DeliveryWorker.RunOnceAsync"/> themselves).</summary>
    public bool WorkerEnabled { get; set; } = true;

    public RateLimit RateLimit => new(RateLimitMax, TimeSpan.FromMinutes(RateLimitWindowMinutes));
    public RetryPolicy Retry => new(MaxAttempts, TimeSpan.FromSeconds(RetryBaseSeconds), TimeSpan.FromSeconds(RetryMaxSeconds));
}
