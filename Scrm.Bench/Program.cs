using Scrm.Bench.Board;
using Scrm.Bench.Create;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.List;
using Scrm.Bench.Outbox;
using Scrm.Bench.Seed;

namespace Scrm.Bench;

/// <summary>
/// dotnet run -c Release --project Scrm.Bench -- create|outbox|list|board|boardpaint|boardmem|intake|designer|mapload|positions|suggestion|timers|flowstart|handlercost|handleralone|tracking|kpis|wecom|notify|settlement|seed|all [--option value ...]
/// dotnet run -c Release --project Scrm.Bench -- bdn [BenchmarkDotNet arguments, e.g. --filter *List*]
/// </summary>
// Not top-level statements: those would declare a second global Program beside the app's.
internal static class BenchProgram
{
    private static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault()?.ToLowerInvariant();
        var rest = args.Skip(1).ToArray();
        switch (command)
        {
            case "all":
                await CreateScenario.RunAsync(BenchOptions.Parse(rest));
                await OutboxScenario.RunAsync(BenchOptions.Parse(rest));
                await ListScenario.RunAsync(BenchOptions.Parse(rest));
                await BoardScenario.RunAsync(BenchOptions.Parse(rest));
                return 0;
            case "create":
                await CreateScenario.RunAsync(BenchOptions.Parse(rest));
                return 0;
            case "outbox":
                await OutboxScenario.RunAsync(BenchOptions.Parse(rest));
                return 0;
            case "list":
                await ListScenario.RunAsync(BenchOptions.Parse(rest));
                return 0;
            case "board":
                await BoardScenario.RunAsync(BenchOptions.Parse(rest));
                return 0;
            case "boardpaint": await BoardPaintScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "boardmem": await BoardMemoryScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            // The browser's process the boardmem scenario starts; not meant to be run by hand.
            case "boardpages": await BoardPagesProcess.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "intake": await Intake.IntakeScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "designer": await Designer.DesignerScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "mapload": await Dispatch.MapLoadScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "positions": await Dispatch.PositionsScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "suggestion": await Dispatch.SuggestionScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "timers": await Timers.TimerScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "timerrows": await Timers.TimerRowsScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "tracking": await Tracking.TrackingScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            // The viewers' process the tracking scenario starts; not meant to be run by hand.
            case "trackviewers": await Tracking.TrackingViewers.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "kpis": await Kpis.KpiScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "wecom": await Channels.WeComCallbackScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "notify": await Notify.NotifyScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "flowstart": await Flows.FlowStartScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "handlercost": await Flows.HandlerCostScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "handleralone": await Flows.HandlerAloneScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "settlement": await Settlement.SettlementScenario.RunAsync(BenchOptions.Parse(rest)); return 0;
            case "seed":
                await SeedScenario.RunAsync(BenchOptions.Parse(rest));
                return 0;
            case "bdn":
                try
                {
                    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(rest);
                }
                finally
                {
                    await ListFixture.DisposeSharedAsync();
                }
                return 0;
            default:
                Console.Error.WriteLine("usage: Scrm.Bench create|outbox|list|board|boardpaint|boardmem|intake|designer|mapload|positions|suggestion|timers|flowstart|handlercost|handleralone|tracking|kpis|wecom|notify|settlement|seed|all [--option value ...] | bdn [BenchmarkDotNet arguments]");
                return 2;
        }
    }
}
