using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Domain.Dispatch.Scoring;

/// <summary>
/// A job far from every city, in a sparse index whose box is mostly empty land: past the distance that counts, the index
/// visits occupied cells instead of sweeping rings, and must still give Rank's head exactly.
/// </summary>
public class IndexFarFromEveryone
{
    [Theory]
    [InlineData(50.0, 5)]
    [InlineData(20.0, 10)]
    [InlineData(120.0, 3)]
    public void GivesTheHeadOfTheFullRankingForAJobOutInTheCountry(double maxUsefulKm, int count)
    {
        var world = new EasternChinaWorkforce(seed: 77);
        // 上海 to 合肥 and one technician in 厦门: a box of thousands of cells, a few hundred occupied.
        var technicians = world.Technicians(1_500);
        technicians.Add(technicians[0] with { Id = 9_001, Position = new GeoPoint(24.4798, 118.0894) });
        var index = new TechnicianIndex(technicians);
        var travel = new TravelModel(25, maxUsefulKm);

        foreach (var site in new GeoPoint[] { new(27.5, 119.0), new(29.0, 117.5), new(33.5, 121.0), new(24.6, 118.2) })
        {
            var job = new DispatchJob(1, Regions.East, "杭州", site, "维修", 2, null, null);
            foreach (var weights in new[] { DispatchWeights.Default, DispatchWeights.Default.With(DispatchCriterion.Distance, CriterionMode.Filter, 0) })
            {
                var fromIndex = index.Best(job, weights, travel, count).Select(c => (c.Technician.Id, c.Total, c.Excluded));
                var fromRank = DispatchScorer.Rank(job, technicians, weights, travel).Take(count).Select(c => (c.Technician.Id, c.Total, c.Excluded));
                fromIndex.ShouldBe(fromRank, $"site {site}, distance {weights[DispatchCriterion.Distance].Mode}");
            }
        }
    }
}

/// <summary>Pings often repeat where a technician already stands; the index must take them and the next move alike.</summary>
public class IndexRepeatedPing
{
    [Fact]
    public void AnEqualCopyChangesNothingAndTheNextMoveStillWorks()
    {
        var technician = new EasternChinaWorkforce(seed: 5).Technician(1);
        var index = new TechnicianIndex([technician]);

        index.Update(1, t => t with { Position = technician.Position }).ShouldBeTrue();
        index.Update(1, t => t with { Position = new GeoPoint(30.2741, 120.1551) }).ShouldBeTrue();

        index.Find(1).ShouldNotBeNull().Position.ShouldBe(new GeoPoint(30.2741, 120.1551));
        index.Within(new GeoPoint(30.2741, 120.1551), 1).ShouldHaveSingleItem().Id.ShouldBe(1);
    }
}
