namespace Scrm.Domain.Notifications;

/// <summary>
/// When a failed send is tried again: <see cref="BaseDelay"/> doubling per attempt up to <see cref="MaxDelay"/>, with
/// up to half of it added at random (jitter), so that a gateway that came back is not hit by every row at once.
/// After <see cref="MaxAttempts"/> the message is dead-lettered for an admin to look at.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static readonly RetryPolicy Default = new(6, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30));

    /// <summary>True when the attempt just failed was the last one allowed.</summary>
    public bool IsExhausted(int attemptsMade) => attemptsMade >= MaxAttempts;

    /// <param name="attemptsMade">How many sends failed so far (1 after the first failure).</param>
    /// <param name="jitter">A number in [0, 1) from the caller's random source.</param>
    public TimeSpan DelayAfter(int attemptsMade, double jitter)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var ticks = Math.Min(BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 + 0.5 * Math.Clamp(jitter, 0, 1))));
    }
}
