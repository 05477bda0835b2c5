using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

/// <summary>A repair job at People's Square and a capable technician next to it; tests vary one fact at a time.</summary>
internal static class ScoringSamples
{
    public static readonly GeoPoint PeoplesSquare = new(31.2304, 121.4737);

    public static DispatchJob RepairJob(int minLevel = 3, string? certification = null, long? dedicated = null) =>
        new(TicketId: 1001, Region: Regions.East, City: "上海", Site: PeoplesSquare, Skill: "维修",
            MinSkillLevel: minLevel, Certification: certification, DedicatedTechnicianId: dedicated);

    public static TechnicianFacts Technician(long id = 1, double kmEast = 2, string region = Regions.East,
        string[]? cities = null, (string Skill, int Level)[]? skills = null, string[]? certifications = null,
        double? rating = 4, int openJobs = 2, int jobsToday = 1, int dailyCap = 8, bool onShift = true, bool onLeave = false) =>
        new(id, $"师傅{id}", region, new HashSet<string>(cities ?? []),
            (skills ?? [("维修", 4)]).ToDictionary(s => s.Skill, s => s.Level),
            new HashSet<string>(certifications ?? []), rating, openJobs, jobsToday, dailyCap,
            East(kmEast), onShift, onLeave);

    /// <summary>A point the given kilometres due east of People's Square.</summary>
    public static GeoPoint East(double km) =>
        new(PeoplesSquare.Lat, PeoplesSquare.Lng + km / (111.195 * Math.Cos(PeoplesSquare.Lat * Math.PI / 180)));

    /// <summary>Weights where only <paramref name="criterion"/> takes part, so its effect is seen alone.</summary>
    public static DispatchWeights Only(DispatchCriterion criterion, CriterionMode mode, double weight = 2) =>
        new(Enum.GetValues<DispatchCriterion>().Select(c =>
            c == criterion ? new CriterionRule(c, mode, weight) : new CriterionRule(c, CriterionMode.Off, 0)));

    public static CandidateScore Judge(DispatchCriterion criterion, CriterionMode mode, DispatchJob job,
        TechnicianFacts technician, double weight = 2) =>
        DispatchScorer.Score(job, technician, Only(criterion, mode, weight), TravelModel.Default);

    public static CriterionScore Line(this CandidateScore candidate, DispatchCriterion criterion) =>
        candidate.Breakdown.Single(c => c.Criterion == criterion);
}
