using Scrm.App.Data;
using Scrm.Domain.Common;
using Scrm.Domain.Geo;

namespace Scrm.Bench.Infrastructure;

internal static class BenchScopes
{
    /// <summary>Sees everything; what the bench writes through the services.</summary>
    public static readonly AccessScope Admin = new(new Actor("bench", "bench"), new HashSet<string> { AppRoles.Admin }, true, [], null);

    /// <summary>Like dispatcher.east@demo.scrm: 华东 only.</summary>
    public static readonly AccessScope EastDispatcher =
        new(new Actor("bench-east", "bench 华东"), new HashSet<string> { AppRoles.Dispatcher }, false, [Regions.East], null);
}
