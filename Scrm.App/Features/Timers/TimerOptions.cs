namespace Scrm.App.Features.Timers;

/// <summary>Timers:* settings.</summary>
public sealed class TimerOptions
{
    /// <summary>This instance's name in <see cref="DueTimer.ClaimedBy"/> (default: the machine name).</summary>
    public string InstanceId
    {
        get => string.IsNullOrWhiteSpace(_instanceId) ? Environment.MachineName : _instanceId;
        set => _instanceId = value;
    }

    private string? _instanceId;

    /// <summary>Timers claimed, and fired in one transaction, per pass.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claim keeps other workers off; a worker that dies holding timers delays them this long.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Failed tries before a timer is parked.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The longest sleep: only timers another process scheduled need it (this process's wake the worker).</summary>
    public int FallbackPollSeconds { get; set; } = 10;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan FallbackPoll => TimeSpan.FromSeconds(FallbackPollSeconds);

    /// <summary>Pause after the <paramref name="attempts"/>-th failed try: 2 s, 4 s, 8 s … at most 5 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Clamp(attempts, 1, 9))));
}
