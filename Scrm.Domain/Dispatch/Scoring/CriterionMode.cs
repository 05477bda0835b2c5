namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>How a criterion takes part: ignored, a hard filter that excludes, or a weighted soft score.</summary>
public enum CriterionMode
{
    Off,
    Filter,
    Weighted,
}
