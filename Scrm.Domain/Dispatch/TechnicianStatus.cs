namespace Scrm.Domain.Dispatch;

public enum TechnicianStatus
{
    Available,
    Busy,
    OffDuty,
    OnLeave,
}
