using Scrm.App.Features.Sla;
using Scrm.Domain.Sla;

namespace Scrm.Tests.Sla;

/// <summary>Only the first ladder step not fired yet is armed per clock; the fired one arms the next.</summary>
public sealed class SlaNextStepTests
{
    private static readonly DateTimeOffset T0 = new(2030, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private static SlaEscalationDue Due(SlaMetric metric, int index, int minutes) =>
        new(metric, index, new EscalationStep(50, EscalationAction.RemindAssignee), T0.AddMinutes(minutes));

    [Fact]
    public void EachClockGetsItsEarliestStepNotFiredYet()
    {
        SlaEscalationDue[] due =
        [
            Due(SlaMetric.FirstResponse, 0, 15), Due(SlaMetric.FirstResponse, 1, 22), Due(SlaMetric.FirstResponse, 2, 30),
            Due(SlaMetric.Resolution, 0, 240), Due(SlaMetric.Resolution, 1, 360),
        ];

        var next = SlaRecalculator.NextSteps(due, d => d is { Metric: SlaMetric.FirstResponse, StepIndex: 0 }).ToList();

        next.Select(d => (d.Metric, d.StepIndex)).ShouldBe([(SlaMetric.FirstResponse, 1), (SlaMetric.Resolution, 0)], ignoreOrder: true);
    }

    [Fact]
    public void AClockWhoseStepsAllFiredGetsNone() =>
        SlaRecalculator.NextSteps([Due(SlaMetric.Arrival, 0, 5)], _ => true).ShouldBeEmpty();
}
