namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>The eight things a dispatcher weighs when choosing a technician for a ticket.</summary>
public enum DispatchCriterion
{
    ServiceArea,
    Skill,
    Certification,
    Rating,
    Workload,
    Distance,
    Availability,
    DedicatedTechnician,
}
