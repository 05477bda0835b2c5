namespace Scrm.App.Features.Dispatch;

/// <summary>One GPS ping of a technician's phone, kept for the day's trail and ETAs until the retention period ends.</summary>
public sealed class TechnicianPosition
{
    public long Id { get; set; }
    public long TechnicianId { get; set; }
    public double Lat { get; set; }
    public double Lng { get; set; }

    /// <summary>When the phone took the fix.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the server got it.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Reported accuracy in metres, if the phone said.</summary>
    public double? AccuracyM { get; set; }
}
