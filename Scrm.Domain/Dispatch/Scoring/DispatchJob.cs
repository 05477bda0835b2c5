using Scrm.Domain.Common;
using Scrm.Domain.Geo;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>What a ticket asks of its technician: where, which skill at which level, which certificate, whose customer.</summary>
/// <param name="Skill">The skill the ticket type needs, e.g. "维修".</param>
public sealed record DispatchJob(
    long TicketId,
    string Region,
    string City,
    GeoPoint Site,
    string Skill,
    int MinSkillLevel,
    string? Certification,
    long? DedicatedTechnicianId)
{
    public int MinSkillLevel { get; init; } = MinSkillLevel is >= 1 and <= 5 ? MinSkillLevel
        : throw new DomainRuleException("Skill.LevelOutOfRange", "Skill level is 1 to 5.", "minSkillLevel");
}
