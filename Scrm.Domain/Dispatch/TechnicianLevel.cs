namespace Scrm.Domain.Dispatch;

public enum TechnicianLevel
{
    Junior,
    Intermediate,
    Senior,
    Expert,
}
