using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scrm.App.Data;

namespace Scrm.App.Api;

/// <summary>Healthy when the database answers; /health is what a load balancer or monitor polls.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<ScrmDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached.");
    }
}
