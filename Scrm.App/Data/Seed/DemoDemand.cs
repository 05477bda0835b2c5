namespace Scrm.App.Data.Seed;

/// <summary>
/// When the demo's businesses call for service, by industry: kitchens fail in the lunch and dinner rush, schools after
/// class on weekdays and all day at the weekend, clinics in the morning. Gives the dashboards' weekday × hour heatmap
/// the shape a real service desk sees instead of an even spread.
/// </summary>
internal static class DemoDemand
{
    // Relative weight of each local hour 00–23, weekdays then weekends.
    private static readonly Dictionary<string, (int[] Weekday, int[] Weekend)> Profiles = new()
    {
        ["餐饮"] = (Hours((9, 2), (10, 4), (11, 10), (12, 12), (13, 8), (14, 3), (15, 2), (16, 3), (17, 8), (18, 11), (19, 10), (20, 6), (21, 3), (22, 1)),
                   Hours((9, 2), (10, 5), (11, 12), (12, 14), (13, 10), (14, 4), (15, 3), (16, 4), (17, 10), (18, 13), (19, 12), (20, 8), (21, 4), (22, 2))),
        ["茶饮"] = (Hours((9, 2), (10, 3), (11, 4), (12, 5), (13, 6), (14, 8), (15, 9), (16, 7), (17, 5), (18, 5), (19, 7), (20, 8), (21, 5), (22, 2)),
                   Hours((10, 3), (11, 5), (12, 6), (13, 8), (14, 10), (15, 11), (16, 9), (17, 7), (18, 6), (19, 9), (20, 10), (21, 6), (22, 3))),
        ["零售"] = (Hours((7, 2), (8, 6), (9, 9), (10, 7), (11, 4), (12, 3), (13, 3), (14, 3), (15, 3), (16, 4), (17, 5), (18, 7), (19, 8), (20, 6), (21, 3)),
                   Hours((8, 4), (9, 8), (10, 9), (11, 6), (12, 4), (13, 4), (14, 5), (15, 5), (16, 5), (17, 6), (18, 8), (19, 9), (20, 7), (21, 3))),
        ["家电售后"] = (Hours((8, 4), (9, 9), (10, 10), (11, 8), (12, 3), (13, 4), (14, 6), (15, 6), (16, 5), (17, 4), (18, 4), (19, 6), (20, 5), (21, 2)),
                     Hours((8, 3), (9, 8), (10, 10), (11, 9), (12, 5), (13, 5), (14, 7), (15, 7), (16, 6), (17, 5), (18, 4), (19, 5), (20, 4))),
        ["教育"] = (Hours((8, 2), (9, 3), (10, 3), (11, 2), (12, 2), (13, 2), (14, 3), (15, 5), (16, 9), (17, 10), (18, 9), (19, 8), (20, 4)),
                   Hours((8, 6), (9, 10), (10, 10), (11, 8), (12, 4), (13, 7), (14, 9), (15, 9), (16, 7), (17, 5), (18, 2))),
        ["医疗"] = (Hours((7, 4), (8, 10), (9, 12), (10, 10), (11, 7), (12, 2), (13, 3), (14, 6), (15, 6), (16, 5), (17, 3), (18, 1), (19, 1)),
                   Hours((8, 6), (9, 8), (10, 7), (11, 5), (12, 2), (13, 2), (14, 3), (15, 3), (16, 2))),
        ["物业"] = (Hours((0, 1), (6, 2), (7, 6), (8, 9), (9, 7), (10, 4), (11, 3), (12, 3), (13, 3), (14, 3), (15, 3), (16, 3), (17, 5), (18, 8), (19, 9), (20, 7), (21, 5), (22, 3), (23, 1)),
                   Hours((0, 1), (7, 3), (8, 5), (9, 7), (10, 7), (11, 5), (12, 4), (13, 4), (14, 5), (15, 5), (16, 5), (17, 6), (18, 8), (19, 9), (20, 8), (21, 6), (22, 3), (23, 1))),
    };

    // Any other industry: office hours with a small evening tail.
    private static readonly int[] Office = Hours((8, 4), (9, 8), (10, 9), (11, 7), (12, 3), (13, 5), (14, 7), (15, 7), (16, 6), (17, 4), (18, 2), (19, 1));

    /// <summary>The instant, on the local day <paramref name="day"/>, a call of <paramref name="industry"/> comes in.</summary>
    public static DateTimeOffset On(DateOnly day, string industry, BusinessClock clock, Random rng)
    {
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var weights = Profiles.TryGetValue(industry, out var p) ? (weekend ? p.Weekend : p.Weekday) : Office;
        var draw = rng.Next(weights.Sum());
        var hour = 0;
        while (draw >= weights[hour]) draw -= weights[hour++];
        var local = day.ToDateTime(new TimeOnly(hour, rng.Next(60), rng.Next(60)));
        return new DateTimeOffset(local, clock.Zone.GetUtcOffset(local));
    }

    private static int[] Hours(params (int Hour, int Weight)[] weights)
    {
        var hours = new int[24];
        foreach (var (hour, weight) in weights) hours[hour] = weight;
        return hours;
    }
}
