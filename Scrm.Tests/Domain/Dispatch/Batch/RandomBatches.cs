using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Tests.Domain.Dispatch.Batch;

/// <summary>
/// Seeded random queues shaped like the app's: scores 0–20 with few decimals, some forbidden pairs. With
/// <c>correlation</c> near 1 every ticket ranks the technicians alike (the good ones are good for all), which gives
/// the longest chains of moves.
/// </summary>
internal static class RandomBatches
{
    public static BatchProblem Make(int seed, int tickets, int technicians, int maxCapacity, double forbiddenShare, int decimals,
        double correlation = 0)
    {
        var random = new Random(seed);
        var quality = Enumerable.Range(0, technicians).Select(_ => random.NextDouble() * 20).ToArray();
        var costs = new double[tickets, technicians];
        var reasons = new string?[tickets, technicians];
        string[] codes = ["Dispatch.Reason.OutOfArea", "Dispatch.Reason.MissingSkill", "Dispatch.Reason.OffDuty"];
        for (var i = 0; i < tickets; i++)
        for (var j = 0; j < technicians; j++)
        {
            if (random.NextDouble() < forbiddenShare)
            {
                costs[i, j] = double.PositiveInfinity;
                reasons[i, j] = codes[random.Next(codes.Length)];
            }
            else
            {
                // decimals 0 gives whole scores 0–20: many ties, the hard case for exact equality.
                costs[i, j] = Math.Round(correlation * quality[j] + (1 - correlation) * random.NextDouble() * 20, decimals);
            }
        }
        var capacity = Enumerable.Range(0, technicians).Select(_ => random.Next(maxCapacity + 1)).ToArray();
        return new BatchProblem(costs, capacity, reasons);
    }
}
