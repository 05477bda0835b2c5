using Scrm.Domain.Customers;
using Scrm.Domain.Flows;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain.Flows;

public sealed class FlowRuleEvaluation
{
    private static readonly FlowFacts Facts = FlowFacts.Of(
        TicketStatus.New, amountFen: 123_450, TicketPriority.Urgent, TicketType.Repair, "华东", "上海", CustomerTier.Gold,
        new Dictionary<string, string?> { ["fault"] = "空调不制冷，有异响", ["units"] = "12", ["note"] = "" });

    private static bool Holds(string key, ConditionOperator op, params string[] values) =>
        FlowRules.Holds(ConditionRule.Field(key, op, values), Facts);

    [Fact]
    public void FactsCarryTheAmountInYuanWithInvariantDigits()
    {
        Facts.Value(FlowFacts.Amount).ShouldBe("1234.5");
        Facts.Value(FlowFacts.CustomerTier).ShouldBe("Gold");
        Facts.Value(FlowFacts.City).ShouldBe("上海");
        Facts.Value("missing").ShouldBeNull();
    }

    [Theory]
    [InlineData(ConditionOperator.GreaterThan, "1000", true)]
    [InlineData(ConditionOperator.GreaterThan, "900", true)]
    [InlineData(ConditionOperator.LessThan, "5000", true)]
    [InlineData(ConditionOperator.GreaterOrEqual, "1234.50", true)]
    [InlineData(ConditionOperator.Equals, "1,234.5", true)]
    [InlineData(ConditionOperator.LessOrEqual, "1234.49", false)]
    public void NumbersCompareAsNumbers(ConditionOperator op, string operand, bool holds) =>
        Holds(FlowFacts.Amount, op, operand).ShouldBe(holds);

    [Fact]
    public void NumbersCompareByValueNotByTheirDigits() =>
        Holds("units", ConditionOperator.GreaterThan, "9").ShouldBeTrue();

    [Fact]
    public void TextComparesOrdinally()
    {
        Holds(FlowFacts.Priority, ConditionOperator.Equals, "Urgent").ShouldBeTrue();
        Holds(FlowFacts.Priority, ConditionOperator.Equals, "urgent").ShouldBeFalse();
        Holds(FlowFacts.Priority, ConditionOperator.NotEquals, "Low").ShouldBeTrue();
        Holds(FlowFacts.City, ConditionOperator.GreaterThan, "1000").ShouldBeTrue();
    }

    [Fact]
    public void InAndNotInTestEveryOperand()
    {
        Holds(FlowFacts.CustomerTier, ConditionOperator.In, "Gold", "Platinum").ShouldBeTrue();
        Holds(FlowFacts.CustomerTier, ConditionOperator.NotIn, "Gold", "Platinum").ShouldBeFalse();
        Holds(FlowFacts.Region, ConditionOperator.In, "华北", "华南").ShouldBeFalse();
        Holds("missing", ConditionOperator.NotIn, "x").ShouldBeTrue();
    }

    [Fact]
    public void EmptyMeansMissingOrBlank()
    {
        Holds("missing", ConditionOperator.Empty).ShouldBeTrue();
        Holds("note", ConditionOperator.Empty).ShouldBeTrue();
        Holds("fault", ConditionOperator.NotEmpty).ShouldBeTrue();
        Holds("missing", ConditionOperator.GreaterThan, "0").ShouldBeFalse();
    }

    [Fact]
    public void ContainsFindsTextInAValue()
    {
        Holds("fault", ConditionOperator.Contains, "异响").ShouldBeTrue();
        Holds("fault", ConditionOperator.Contains, "漏水").ShouldBeFalse();
    }

    [Fact]
    public void GroupsCombineTheirRules()
    {
        var urgent = ConditionRule.Field(FlowFacts.Priority, ConditionOperator.Equals, "Urgent");
        var south = ConditionRule.Field(FlowFacts.Region, ConditionOperator.Equals, "华南");

        FlowRules.Holds(ConditionRule.All(urgent, south), Facts).ShouldBeFalse();
        FlowRules.Holds(ConditionRule.Any(urgent, south), Facts).ShouldBeTrue();
        FlowRules.Holds(ConditionRule.Not(south), Facts).ShouldBeTrue();
    }
}
