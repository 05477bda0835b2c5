namespace Scrm.App.Features.Intake;

public enum IntakeNoticeKind
{
    NotFound,
    TooManyRequests,
    BadRequest,
}
