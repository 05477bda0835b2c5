using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Scrm.App;

/// <summary>Cross-cutting settings: clock, business time zone, cultures, problem details.</summary>
public static class Platform
{
    public const string DefaultCulture = "zh-CN";
    public static readonly string[] Cultures = [DefaultCulture, "en"];

    public static IServiceCollection AddScrmPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new BusinessClock(configuration["Scrm:TimeZone"] ?? "Asia/Shanghai"));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(DefaultCulture).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            // Only the user's explicit choice (cookie) switches language; zh-CN otherwise, whatever the browser says.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        services.AddProblemDetails();
        return services;
    }
}

/// <summary>The business's time zone: ticket numbers and the UI use local days and times.</summary>
public sealed class BusinessClock(string timeZoneId)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant the business day of <paramref name="instant"/> began (local midnight).</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var midnight = ToLocal(instant).Date;
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    public TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromDateTime(ToLocal(instant).DateTime);

    public string Format(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
