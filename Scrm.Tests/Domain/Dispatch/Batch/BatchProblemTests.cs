using Scrm.Domain.Dispatch.Batch;

namespace Scrm.Tests.Domain.Dispatch.Batch;

public class BatchProblemValidation
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.001)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(BatchProblem.MaxCost + 1)]
    public void RefusesACostThatIsNotAScore(double cost) =>
        Should.Throw<ArgumentException>(() => new BatchProblem(new[,] { { 1, cost } }, [1, 1]))
            .Message.ShouldContain("technician 1");

    [Fact]
    public void RefusesANegativeCapacity() =>
        Should.Throw<ArgumentException>(() => new BatchProblem(new double[,] { { 1, 2 } }, [1, -1]))
            .ParamName.ShouldBe("capacity");

    [Fact]
    public void RefusesCapacitiesThatDoNotMatchTheTechnicians() =>
        Should.Throw<ArgumentException>(() => new BatchProblem(new double[,] { { 1, 2 } }, [1]));

    [Fact]
    public void RefusesReasonsOfAnotherShape() =>
        Should.Throw<ArgumentException>(() => new BatchProblem(new double[,] { { 1, 2 } }, [1, 1], new string?[1, 3]));

    [Fact]
    public void RefusesMissingInputs()
    {
        Should.Throw<ArgumentNullException>(() => new BatchProblem(null!, []));
        Should.Throw<ArgumentNullException>(() => new BatchProblem(new double[0, 0], null!));
        Should.Throw<ArgumentNullException>(() => BatchOptimiser.Solve(null!));
    }

    [Fact]
    public void KeepsItsOwnCopyOfTheInputs()
    {
        var costs = new double[,] { { 1 } };
        var capacity = new[] { 1 };
        var problem = new BatchProblem(costs, capacity);
        costs[0, 0] = 9;
        capacity[0] = 0;

        problem.Cost(0, 0).ShouldBe(1);
        problem.Capacity[0].ShouldBe(1);
    }

    [Fact]
    public void RoundsCostsToThousandthsAndGivesForbiddenPairsTheirReason()
    {
        var problem = new BatchProblem(new[,] { { 2.0005, double.PositiveInfinity } }, [1, 1],
            new string?[,] { { "ignored on an allowed pair", "Dispatch.Reason.OffDuty" } });

        problem.ScaledCost(0, 0).ShouldBe(2001);
        problem.ScaledCost(0, 1).ShouldBeNull();
        problem.InfeasibleReason(0, 0).ShouldBeNull();
        problem.InfeasibleReason(0, 1).ShouldBe("Dispatch.Reason.OffDuty");
    }
}
