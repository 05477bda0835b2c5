using static Scrm.Domain.Dispatch.Scoring.DispatchReasons;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>What one criterion says about a technician, before its mode decides what that counts for.</summary>
internal readonly record struct Verdict(bool Passed, double Score, string Reason, object[] Args);

/// <summary>
/// The eight checks. Each gives a score in 0..1 (the index's pruning bound relies on that range) and
/// whether the technician meets the criterion, which is what a filter excludes on.
/// With <c>explain</c> false no reason arguments are built: the index scores thousands this way.
/// </summary>
internal static class Criteria
{
    /// <summary>As a filter, ratings below the middle of the 1–5 scale exclude.</summary>
    public const double LowestPassingRating = 3;

    public static Verdict Evaluate(DispatchCriterion criterion, DispatchJob job, TechnicianFacts technician,
        TravelModel travel, double km, bool explain) => criterion switch
    {
        DispatchCriterion.ServiceArea => ServiceArea(job, technician, explain),
        DispatchCriterion.Skill => Skill(job, technician, explain),
        DispatchCriterion.Certification => Certification(job, technician, explain),
        DispatchCriterion.Rating => Rating(technician, explain),
        DispatchCriterion.Workload => Workload(technician, explain),
        DispatchCriterion.Distance => Distance(travel, km, explain),
        DispatchCriterion.Availability => Availability(technician, explain),
        DispatchCriterion.DedicatedTechnician => Dedicated(job, technician, explain),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };

    // Same region, and the job's city among theirs; no listed cities means the whole region. Score 1 or 0.
    private static Verdict ServiceArea(DispatchJob job, TechnicianFacts t, bool explain)
    {
        if (t.Region != job.Region) return new(false, 0, OutsideRegion, explain ? [t.Region, job.Region] : []);
        if (t.ServiceCities.Count > 0 && !t.ServiceCities.Contains(job.City))
            return new(false, 0, CityNotServed, explain ? [job.City] : []);
        return new(true, 1, InServiceArea, explain ? [job.City] : []);
    }

    // Meets when they have the skill at the ticket type's level. Score level/5 even below that level, so as a
    // soft score a level-2 technician still ranks above one without the skill (score 0).
    private static Verdict Skill(DispatchJob job, TechnicianFacts t, bool explain)
    {
        if (!t.Skills.TryGetValue(job.Skill, out var level)) return new(false, 0, SkillMissing, explain ? [job.Skill] : []);
        var meets = level >= job.MinSkillLevel;
        return new(meets, level / 5.0, meets ? SkillMet : SkillBelowLevel,
            explain ? [job.Skill, level, job.MinSkillLevel] : []);
    }

    // Only when the job requires one; then holding it scores 1, lacking it 0. No requirement: everyone scores 1.
    private static Verdict Certification(DispatchJob job, TechnicianFacts t, bool explain)
    {
        if (string.IsNullOrWhiteSpace(job.Certification)) return new(true, 1, NoCertificationNeeded, []);
        return t.Certifications.Contains(job.Certification)
            ? new(true, 1, Certified, explain ? [job.Certification] : [])
            : new(false, 0, NotCertified, explain ? [job.Certification] : []);
    }

    /// <summary>The rating criterion's score: (rating − 1) / 4, 0.5 for the unrated.</summary>
    public static double RatingScore(TechnicianFacts t) => t.Rating is { } rating ? (rating - 1) / 4 : 0.5;

    /// <summary>The workload criterion's score: 1 − open jobs / daily cap, floored at 0.</summary>
    public static double SpareScore(TechnicianFacts t) => Math.Max(0, 1 - (double)t.OpenJobs / t.Capacity);

    /// <summary>Whether the availability criterion is met: on shift, not on leave, below the daily cap.</summary>
    public static bool IsAvailable(TechnicianFacts t) => !t.OnLeave && t.OnShift && t.JobsToday < t.Capacity;

    // The unrated sit at 0.5 and pass the filter, so a newcomer is neither favoured nor shut out.
    private static Verdict Rating(TechnicianFacts t, bool explain)
    {
        if (t.Rating is not { } rating) return new(true, RatingScore(t), Unrated, []);
        var meets = rating >= LowestPassingRating;
        return new(meets, RatingScore(t), meets ? Rated : RatedLow, explain ? [rating, LowestPassingRating] : []);
    }

    // Meets while open jobs are below the cap.
    private static Verdict Workload(TechnicianFacts t, bool explain)
    {
        var capacity = t.Capacity;
        var meets = t.OpenJobs < capacity;
        return new(meets, SpareScore(t), meets ? HasCapacity : Overloaded, explain ? [t.OpenJobs, capacity] : []);
    }

    // 1 − km / MaxUsefulKm, floored at 0; meets within MaxUsefulKm. Kilometres from the last known position.
    private static Verdict Distance(TravelModel travel, double km, bool explain)
    {
        var meets = km <= travel.MaxUsefulKm;
        object[] args = !explain ? []
            : meets ? [Math.Round(km, 1), travel.EtaMinutes(km)]
            : [Math.Round(km, 1), travel.EtaMinutes(km), travel.MaxUsefulKm];
        return new(meets, travel.DistanceScore(km), meets ? WithinReach : TooFar, args);
    }

    // On shift, not on leave and below the daily cap (as IsAvailable); 1 or 0. The reason names the first that fails, leave first.
    private static Verdict Availability(TechnicianFacts t, bool explain)
    {
        if (t.OnLeave) return new(false, 0, OnLeave, []);
        if (!t.OnShift) return new(false, 0, OffShift, []);
        var capacity = t.Capacity;
        return t.JobsToday < capacity
            ? new(true, 1, Available, explain ? [t.JobsToday, capacity] : [])
            : new(false, 0, DailyCapReached, explain ? [t.JobsToday, capacity] : []);
    }

    // 1 for the customer's dedicated technician, 0 for anyone else. With none set everyone meets it (score 0),
    // so as a filter it only narrows the choice when the customer has one.
    private static Verdict Dedicated(DispatchJob job, TechnicianFacts t, bool explain)
    {
        if (job.DedicatedTechnicianId is not { } dedicated) return new(true, 0, NoDedicatedTechnician, []);
        return dedicated == t.Id
            ? new(true, 1, IsDedicated, [])
            : new(false, 0, NotDedicated, explain ? [dedicated] : []);
    }
}
