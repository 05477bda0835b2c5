namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>The codes of <see cref="CriterionScore.Reason"/>; the arguments each one carries are listed beside it.</summary>
public static class DispatchReasons
{
    public const string NotConsidered = "Dispatch.Reason.NotConsidered";

    public const string InServiceArea = "Dispatch.Reason.InServiceArea"; // city
    public const string OutsideRegion = "Dispatch.Reason.OutsideRegion"; // technician's region, job's region
    public const string CityNotServed = "Dispatch.Reason.CityNotServed"; // city

    public const string SkillMet = "Dispatch.Reason.SkillMet"; // skill, level, required level
    public const string SkillBelowLevel = "Dispatch.Reason.SkillBelowLevel"; // skill, level, required level
    public const string SkillMissing = "Dispatch.Reason.SkillMissing"; // skill

    public const string NoCertificationNeeded = "Dispatch.Reason.NoCertificationNeeded";
    public const string Certified = "Dispatch.Reason.Certified"; // certification
    public const string NotCertified = "Dispatch.Reason.NotCertified"; // certification

    public const string Rated = "Dispatch.Reason.Rated"; // rating
    public const string RatedLow = "Dispatch.Reason.RatedLow"; // rating, lowest rating that passes
    public const string Unrated = "Dispatch.Reason.Unrated";

    public const string HasCapacity = "Dispatch.Reason.HasCapacity"; // open jobs, daily cap
    public const string Overloaded = "Dispatch.Reason.Overloaded"; // open jobs, daily cap

    public const string WithinReach = "Dispatch.Reason.WithinReach"; // km, ETA minutes
    public const string TooFar = "Dispatch.Reason.TooFar"; // km, ETA minutes, km limit

    public const string Available = "Dispatch.Reason.Available"; // jobs today, daily cap
    public const string OnLeave = "Dispatch.Reason.OnLeave";
    public const string OffShift = "Dispatch.Reason.OffShift";
    public const string DailyCapReached = "Dispatch.Reason.DailyCapReached"; // jobs today, daily cap

    public const string IsDedicated = "Dispatch.Reason.IsDedicated";
    public const string NotDedicated = "Dispatch.Reason.NotDedicated"; // the dedicated technician's id
    public const string NoDedicatedTechnician = "Dispatch.Reason.NoDedicatedTechnician";
}
