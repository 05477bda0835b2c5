using System.Text.Json;

namespace Scrm.Tests.Data;

public sealed class RuntimeSettings
{
    [Fact]
    public void TheAppShipsWithHotMethodsOptimisedAtOnceAndNoSpinningPoolWorkers()
    {
        // The app's own runtimeconfig.json (Runtime.props), copied beside the tests with the app: what a deployed app runs with.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scrm.App.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32().ShouldBe(0);
        properties.GetProperty("System.Runtime.TieredPGO").GetBoolean().ShouldBeFalse();
        properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32().ShouldBe(0);
    }
}
