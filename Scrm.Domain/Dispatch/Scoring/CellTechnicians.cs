namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>
/// The technicians of one grid cell, best rated first, with the most spare capacity any of them has: enough for a
/// search to know, from the first few it looks at, that nobody further down the cell can still make the shortlist.
/// </summary>
internal sealed class CellTechnicians
{
    private CellTechnicians(TechnicianFacts[] byRating)
    {
        ByRating = byRating;
        MostSpare = MostSpareAvailable = NoneAvailable;
        foreach (var technician in byRating)
        {
            var spare = Criteria.SpareScore(technician);
            MostSpare = Math.Max(MostSpare, spare);
            if (Criteria.IsAvailable(technician)) MostSpareAvailable = Math.Max(MostSpareAvailable, spare);
        }
    }

    /// <summary>What <see cref="MostSpareAvailable"/> holds when nobody in the cell is available.</summary>
    public const double NoneAvailable = -1;

    /// <summary>Highest rating score first (<see cref="Criteria.RatingScore"/>); never empty.</summary>
    public TechnicianFacts[] ByRating { get; }

    /// <summary>The highest workload score in the cell (spare capacity, 0..1).</summary>
    public double MostSpare { get; }

    /// <summary>The same among those available (on shift, not on leave, below the daily cap); <see cref="NoneAvailable"/> when none is.</summary>
    public double MostSpareAvailable { get; }

    public static CellTechnicians Of(IEnumerable<TechnicianFacts> technicians)
    {
        var all = technicians.ToArray();
        // The order among equal ratings does not matter: the shortlist's order decides every tie.
        var scores = Array.ConvertAll(all, t => -Criteria.RatingScore(t));
        Array.Sort(scores, all);
        return new CellTechnicians(all);
    }

    /// <summary>This cell with <paramref name="technician"/> added in rating order.</summary>
    public CellTechnicians With(TechnicianFacts technician)
    {
        var score = Criteria.RatingScore(technician);
        var at = 0;
        while (at < ByRating.Length && Criteria.RatingScore(ByRating[at]) >= score) at++;
        var next = new TechnicianFacts[ByRating.Length + 1];
        Array.Copy(ByRating, next, at);
        next[at] = technician;
        Array.Copy(ByRating, at, next, at + 1, ByRating.Length - at);
        return new CellTechnicians(next);
    }

    /// <summary>This cell without that very object (a replaced copy stays); null when nobody is left.</summary>
    public CellTechnicians? Without(TechnicianFacts technician)
    {
        var at = ByRating.Length - 1;
        while (at >= 0 && !ReferenceEquals(ByRating[at], technician)) at--;
        if (at < 0) throw new InvalidOperationException($"Technician {technician.Id} is not in this cell.");
        if (ByRating.Length == 1) return null;
        var next = new TechnicianFacts[ByRating.Length - 1];
        Array.Copy(ByRating, next, at);
        Array.Copy(ByRating, at + 1, next, at, ByRating.Length - at - 1);
        return new CellTechnicians(next);
    }
}
