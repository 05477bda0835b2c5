using System.Collections.Immutable;
using Scrm.Domain.Geo;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>What a walk over the grid does with each cell it reaches.</summary>
internal interface ICellVisitor
{
    /// <summary>Whether anyone at least <paramref name="atLeastKm"/> from the site may still be of interest.</summary>
    bool GoOn(double atLeastKm);

    void Visit(CellTechnicians cell, double atLeastKm);
}

/// <summary>One immutable state of <see cref="TechnicianIndex"/>: technicians by id and by grid cell.</summary>
internal sealed class IndexSnapshot(
    ImmutableDictionary<long, TechnicianFacts> byId,
    ImmutableDictionary<GridCell, CellTechnicians> cells,
    CellBox? box)
{
    public static readonly IndexSnapshot Empty = new(
        ImmutableDictionary<long, TechnicianFacts>.Empty,
        ImmutableDictionary<GridCell, CellTechnicians>.Empty,
        null);

    public ImmutableDictionary<long, TechnicianFacts> ById { get; } = byId;

    /// <summary>A snapshot of many technicians at once (a region loaded from the database); the last of a repeated id wins.</summary>
    public static IndexSnapshot Of(IEnumerable<TechnicianFacts> technicians)
    {
        var byId = ImmutableDictionary.CreateBuilder<long, TechnicianFacts>();
        foreach (var technician in technicians) byId[technician.Id] = technician;
        if (byId.Count == 0) return Empty;
        var cells = byId.Values.GroupBy(t => GridCell.Of(t.Position))
            .ToImmutableDictionary(g => g.Key, CellTechnicians.Of);
        var box = cells.Keys.Aggregate((CellBox?)null, (b, cell) => b?.Including(cell) ?? CellBox.Around(cell));
        return new(byId.ToImmutable(), cells, box);
    }

    public IndexSnapshot With(TechnicianFacts technician)
    {
        var known = ById.TryGetValue(technician.Id, out var previous);
        // An equal copy (a ping to where they already are) changes nothing; replacing it would also go wrong, as
        // SetItem keeps the old value when the new one equals it, while the cell would hold the new one.
        if (known && previous!.Equals(technician)) return this;
        var updated = known ? Without(cells, previous!) : cells;
        var cell = GridCell.Of(technician.Position);
        var inCell = updated.TryGetValue(cell, out var present) ? present.With(technician) : CellTechnicians.Of([technician]);
        // The box only grows (a removal leaves it as it was): too large costs a few empty cells, never a miss.
        return new(ById.SetItem(technician.Id, technician), updated.SetItem(cell, inCell),
            box?.Including(cell) ?? CellBox.Around(cell));
    }

    public IndexSnapshot Without(long technicianId)
    {
        if (!ById.TryGetValue(technicianId, out var previous)) return this;
        var remaining = ById.Remove(technicianId);
        return remaining.IsEmpty ? Empty : new(remaining, Without(cells, previous), box);
    }

    /// <summary>
    /// Visits the occupied cells in square rings around the site's cell, nearest ring first, telling the visitor how
    /// far away their technicians are at least; after each ring asks it whether anyone at least the given kilometres
    /// away is still of interest. The visitor is a struct, passed by reference: no delegate, closure or enumerator.
    /// </summary>
    /// <remarks>
    /// Nearest first matters while a nearer technician can outscore a farther one: their scores tighten the bound early.
    /// Past <paramref name="orderMattersWithinKm"/> (where distance no longer counts) it does not; once the rings still to
    /// walk there hold more cells than anyone occupies (a job out in the country, whose rings would sweep the empty
    /// land between cities), the rest is visited by occupied cell, each asked about on its own: the same technicians
    /// with the same bounds, in another order.
    /// </remarks>
    public void Walk<TVisitor>(GeoPoint site, ref TVisitor visitor, double orderMattersWithinKm = double.PositiveInfinity)
        where TVisitor : struct, ICellVisitor
    {
        if (box is not { } bounds) return;
        var centre = GridCell.Of(site);
        var lastRing = bounds.LastRingFrom(centre);
        var firstRing = bounds.FirstRingFrom(centre);
        var atLeastKm = firstRing == 0 ? 0 : centre.ReachKm(site, firstRing - 1);
        for (var ring = firstRing; ring <= lastRing; ring++)
        {
            if (atLeastKm > orderMattersWithinKm && bounds.CellsOutside(centre, ring - 1) > cells.Count)
            {
                WalkOccupied(site, centre, ring, ref visitor);
                return;
            }

            int top = centre.Row - ring, bottom = centre.Row + ring, left = centre.Col - ring, right = centre.Col + ring;
            for (var col = Math.Max(left, bounds.MinCol); col <= Math.Min(right, bounds.MaxCol); col++)
            {
                Visit(top, col, bounds, atLeastKm, ref visitor);
                if (bottom != top) Visit(bottom, col, bounds, atLeastKm, ref visitor);
            }

            for (var row = Math.Max(top + 1, bounds.MinRow); row <= Math.Min(bottom - 1, bounds.MaxRow); row++)
            {
                Visit(row, left, bounds, atLeastKm, ref visitor);
                if (right != left) Visit(row, right, bounds, atLeastKm, ref visitor);
            }

            atLeastKm = centre.ReachKm(site, ring);
            if (!visitor.GoOn(atLeastKm)) return;
        }
    }

    /// <summary>Every occupied cell, in no particular order, as if at the site (0 km): for searches where distance does not count.</summary>
    public void WalkAll<TVisitor>(ref TVisitor visitor) where TVisitor : struct, ICellVisitor
    {
        foreach (var (_, technicians) in cells) visitor.Visit(technicians, 0);
    }

    /// <summary>The occupied cells from ring <paramref name="fromRing"/> outwards, each with its own ring's bound.</summary>
    private void WalkOccupied<TVisitor>(GeoPoint site, GridCell centre, int fromRing, ref TVisitor visitor)
        where TVisitor : struct, ICellVisitor
    {
        foreach (var (cell, technicians) in cells)
        {
            var ring = Math.Max(Math.Abs(cell.Row - centre.Row), Math.Abs(cell.Col - centre.Col));
            if (ring < fromRing) continue;
            var atLeastKm = ring == 0 ? 0 : centre.ReachKm(site, ring - 1);
            if (visitor.GoOn(atLeastKm)) visitor.Visit(technicians, atLeastKm);
        }
    }

    private void Visit<TVisitor>(int row, int col, CellBox bounds, double atLeastKm, ref TVisitor visitor)
        where TVisitor : struct, ICellVisitor
    {
        if (bounds.Contains(row, col) && cells.TryGetValue(new GridCell(row, col), out var technicians))
            visitor.Visit(technicians, atLeastKm);
    }

    private static ImmutableDictionary<GridCell, CellTechnicians> Without(
        ImmutableDictionary<GridCell, CellTechnicians> cells, TechnicianFacts technician)
    {
        var cell = GridCell.Of(technician.Position);
        return cells[cell].Without(technician) is { } rest ? cells.SetItem(cell, rest) : cells.Remove(cell);
    }
}
