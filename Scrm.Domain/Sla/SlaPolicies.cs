namespace Scrm.Domain.Sla;

public static class SlaPolicies
{
    /// <summary>The first policy by <see cref="SlaPolicy.Order"/> (then key) whose conditions all hold; null when none does.</summary>
    public static SlaPolicy? Choose(IEnumerable<SlaPolicy> policies, SlaSubject subject) =>
        policies.OrderBy(p => p.Order).ThenBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(p => p.Matches(subject));
}
