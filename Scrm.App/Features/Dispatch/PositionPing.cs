namespace Scrm.App.Features.Dispatch;

/// <summary>A GPS fix as a phone sends it; every part may be missing or wrong, and is judged one by one.</summary>
public sealed record PositionPing(double? Lat, double? Lng, DateTimeOffset? At, double? Accuracy = null);

/// <summary>Why one ping of a batch was not kept.</summary>
public sealed record RejectedPing(int Index, string Code, string Message);

/// <summary>What a batch came to: how many pings were kept, and each one that was not, with its reason.</summary>
public sealed record PingReceipt(int Accepted, IReadOnlyList<RejectedPing> Rejected);

/// <summary>A technician's newest known position, for the live map.</summary>
public sealed record PositionUpdate(long TechnicianId, double Lat, double Lng, DateTimeOffset At);
