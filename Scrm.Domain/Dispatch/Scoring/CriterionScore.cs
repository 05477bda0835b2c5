namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>One line of "why this technician": what a criterion found and what it counted for.</summary>
/// <param name="Score">0..1, how well the technician meets the criterion.</param>
/// <param name="Points">Score × weight when the criterion is weighted; 0 otherwise.</param>
/// <param name="Passed">Whether the technician meets the criterion; only a failed filter excludes.</param>
/// <param name="Reason">A <see cref="DispatchReasons"/> code the UI localises.</param>
/// <param name="Args">Values for the localised reason, e.g. kilometres and minutes.</param>
public sealed record CriterionScore(
    DispatchCriterion Criterion,
    CriterionMode Mode,
    double Score,
    double Points,
    bool Passed,
    string Reason,
    object[] Args);
