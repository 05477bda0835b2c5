using Scrm.Domain.Common;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Runtime;

/// <summary>
/// The exact flow version a ticket runs on. A published version never changes, so each is read once per process.
/// </summary>
public sealed class FlowVersions
{
    private readonly ConcurrentDictionary<(string Key, int Version), FlowDefinition> _known = new();

    public async Task<FlowDefinition> DefinitionAsync(ScrmDbContext db, string key, int version, CancellationToken ct)
    {
        if (_known.TryGetValue((key, version), out var known)) return known;
        var json = await db.FlowTemplates.AsNoTracking().Where(t => t.Key == key)
            .SelectMany(t => t.Versions).Where(v => v.Number == version).Select(v => v.DefinitionJson).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Flow", $"{key} v{version}");
        var definition = DomainJson.Deserialize<FlowDefinition>(json);
        _known[(key, version)] = definition;
        return definition;
    }

    public Task<FlowDefinition> DefinitionAsync(ScrmDbContext db, FlowInstance instance, CancellationToken ct) =>
        DefinitionAsync(db, instance.TemplateKey, instance.FlowVersion, ct);
}
