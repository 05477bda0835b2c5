namespace Scrm.Domain.Sla;

/// <summary>What an SLA measures: 首次响应, 到场, 解决.</summary>
public enum SlaMetric
{
    FirstResponse,
    Arrival,
    Resolution,
}
