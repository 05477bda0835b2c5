using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Scrm.App.Data;

/// <summary>Stores an instant as UTC ticks and reads it back in UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Stores a calendar day as its day number, so SQLite compares days as integers.</summary>
public sealed class DayNumberConverter() : ValueConverter<DateOnly, int>(
    v => v.DayNumber,
    v => DateOnly.FromDayNumber(v));
