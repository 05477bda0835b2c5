using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>Identity's stores save on their own; the write path's interceptor still gives them the gate and the audit.</summary>
[Collection(AppCollection.Name)]
public sealed class IdentityWrites(TestApp app)
{
    [Fact]
    public async Task AFailedSignInCountIsAuditedAndWaitsForTheWriteGate()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("agent@demo.scrm"))!;
        var before = await AuditCountAsync(user.Id);

        Task<IdentityResult> counted;
        using (await app.Get<WriteGate>().EnterAsync())
        {
            counted = users.AccessFailedAsync(user);
            await Task.Delay(100);
            counted.IsCompleted.ShouldBeFalse("an Identity write went past the write gate");
        }
        (await counted).Succeeded.ShouldBeTrue();

        (await AuditCountAsync(user.Id)).ShouldBe(before + 1);
        await users.ResetAccessFailedCountAsync(user);
    }

    private async Task<int> AuditCountAsync(string userId)
    {
        await using var db = await app.DbAsync();
        return await db.AuditEntries.CountAsync(a => a.Entity == nameof(ApplicationUser) && a.EntityId == userId);
    }
}
