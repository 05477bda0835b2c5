namespace Scrm.Domain.Settlement;

/// <summary>Why a plan, partner or split cannot be saved: the field, a stable code (an Error.* text) and the reason.</summary>
public sealed record SettlementProblem(string Field, string Code, string Reason)
{
    public const string KeyInvalid = "Settlement.KeyInvalid";
    public const string NameInvalid = "Settlement.NameInvalid";
    public const string NoTiers = "Settlement.NoTiers";
    public const string NegativeRate = "Settlement.NegativeRate";
    public const string RateTooHigh = "Settlement.RateTooHigh";
    public const string NegativeVolume = "Settlement.NegativeVolume";
    public const string EmptyTier = "Settlement.EmptyTier";
    public const string MustStartAtZero = "Settlement.MustStartAtZero";
    public const string Overlap = "Settlement.TierOverlap";
    public const string Gap = "Settlement.TierGap";
    public const string NoOpenTop = "Settlement.NoOpenTop";
    public const string ShareOutOfRange = "Settlement.ShareOutOfRange";
    public const string NegativeFee = "Settlement.NegativeFee";
    public const string NoTerritory = "Settlement.NoTerritory";
    public const string TerritoryTaken = "Settlement.TerritoryTaken";

    public static readonly IReadOnlyList<string> AllCodes =
        [KeyInvalid, NameInvalid, NoTiers, NegativeRate, RateTooHigh, NegativeVolume, EmptyTier, MustStartAtZero, Overlap, Gap, NoOpenTop,
         ShareOutOfRange, NegativeFee, NoTerritory, TerritoryTaken];
}
