namespace Scrm.Domain.Geo;

/// <summary>The sales/service regions a chain business is organised in.</summary>
public static class Regions
{
    public const int NameMaxLength = 20;
    public const string East = "华东";
    public const string South = "华南";
    public const string North = "华北";
    public const string Southwest = "西南";

    public static readonly IReadOnlyList<string> All = [East, South, North, Southwest];
}
