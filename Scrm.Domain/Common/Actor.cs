namespace Scrm.Domain.Common;

/// <summary>Who did something: a signed-in user, an API key or the system itself.</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor System = new("system", "系统");
}
