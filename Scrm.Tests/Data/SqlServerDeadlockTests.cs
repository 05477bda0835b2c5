using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;

namespace Scrm.Tests.Data;

/// <summary>
/// SQL Server is not available here, so the deadlock victim is made the way SqlClient makes it (its internal
/// factory), and the retry is shown on that exception, bare and wrapped as EF wraps it.
/// </summary>
public sealed class SqlServerDeadlockRetry
{
    [Fact]
    public async Task AVictimRunsAgainAndTheSecondTryWins()
    {
        var tries = 0;
        var result = await SqlServerDeadlock.RetryAsync(() =>
        {
            tries++;
            if (tries == 1) throw new DbUpdateException("save failed", SqlError(SqlServerDeadlock.ErrorNumber));
            return Task.FromResult("done");
        }, 3, () => new DomainRuleException("Admin.Busy", "busy"), CancellationToken.None);

        (result, tries).ShouldBe(("done", 2));
    }

    [Fact]
    public async Task AVictimEveryTimeIsReportedAsBusyAfterTheLastTry()
    {
        var tries = 0;
        var busy = await Should.ThrowAsync<DomainRuleException>(() => SqlServerDeadlock.RetryAsync<int>(() =>
        {
            tries++;
            throw SqlError(SqlServerDeadlock.ErrorNumber);
        }, 3, () => new DomainRuleException("Admin.Busy", "busy"), CancellationToken.None));

        (busy.Code, tries).ShouldBe(("Admin.Busy", 3));
    }

    [Fact]
    public async Task AnyOtherErrorIsNotRetried()
    {
        var tries = 0;
        await Should.ThrowAsync<SqlException>(() => SqlServerDeadlock.RetryAsync<int>(() =>
        {
            tries++;
            throw SqlError(2627); // a unique key violation: running again would only fail again
        }, 3, () => new DomainRuleException("Admin.Busy", "busy"), CancellationToken.None));

        tries.ShouldBe(1);
        SqlServerDeadlock.IsVictim(new InvalidOperationException("x", new DbUpdateException("y", SqlError(1205)))).ShouldBeTrue();
        SqlServerDeadlock.IsVictim(new InvalidOperationException("x")).ShouldBeFalse();
    }

    /// <summary>A SqlException carrying one error of <paramref name="number"/>, built through SqlClient's own internals.</summary>
    private static SqlException SqlError(int number)
    {
        const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
        var ctor = typeof(SqlError).GetConstructors(Internal).OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(int) && p.Name == "infoNumber" => number,
            var t when t == typeof(int) => 0,
            var t when t == typeof(uint) => 0u,
            var t when t == typeof(byte) => (byte)0,
            var t when t == typeof(string) => "test",
            _ => (object?)null,
        }).ToArray();
        var error = (SqlError)ctor.Invoke(args);
        var errors = (SqlErrorCollection)typeof(SqlErrorCollection).GetConstructors(Internal).First().Invoke(null);
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name == "CreateException").OrderBy(m => m.GetParameters().Length).First();
        var createArgs = create.GetParameters().Select((p, i) => i == 0 ? errors : p.ParameterType == typeof(string) ? "16.0" : (object?)null).ToArray();
        var exception = (SqlException)create.Invoke(null, createArgs)!;
        exception.Number.ShouldBe(number);
        return exception;
    }
}
