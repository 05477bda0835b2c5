using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Scrm.App.Features.Timers;

public static class TimersServiceCollectionExtensions
{
    /// <summary>Durable timers and their worker; modules add what fires them with AddTimerHandler.</summary>
    public static IServiceCollection AddTimers(this IServiceCollection services)
    {
        services.AddOptions<TimerOptions>().BindConfiguration("Timers");
        services.AddSingleton<TimerSignal>();
        services.AddSingleton<DueTimers>();
        services.AddSingleton<TimerWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerWorker>());
        return services;
    }

    /// <summary>Lets the worker fire timers of <typeparamref name="T"/>'s kind (one handler per kind).</summary>
    public static IServiceCollection AddTimerHandler<T>(this IServiceCollection services) where T : class, ITimerHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITimerHandler, T>());
        return services;
    }
}
