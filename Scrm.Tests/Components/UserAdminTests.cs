using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Scrm.App.Data;
using Scrm.App.Features.Admin;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Components;

/// <summary>
/// The user service on a host of its own: these tests lock and deactivate Admins, which the shared host's other tests
/// must not see.
/// </summary>
public sealed class UserAdministration(TestApp app) : IClassFixture<TestApp>
{
    private const string Password = "Start-2026!";

    private readonly UserAdmin _users = ActivatorUtilities.CreateInstance<UserAdmin>(app.Services);

    [Fact]
    public async Task ADispatcherCreatedForSouthwestHasThatRoleAndRegionClaimAndCanUseThePassword()
    {
        var email = $"{Guid.NewGuid():N}@test.scrm";

        var id = await _users.CreateAsync(TestApp.Admin, new NewUser(email, "西南调度 测试", AppRoles.Dispatcher, Regions.Southwest, Password));

        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await manager.FindByEmailAsync(email)).ShouldNotBeNull();
        user.Id.ShouldBe(id);
        (await manager.GetRolesAsync(user)).ShouldBe([AppRoles.Dispatcher]);
        var claims = await manager.GetClaimsAsync(user);
        claims.Where(c => c.Type == AccessScope.RegionClaim).Select(c => c.Value).ShouldBe([Regions.Southwest]);
        (await manager.CheckPasswordAsync(user, Password)).ShouldBeTrue();
        var signedIn = AccessScope.From(new ClaimsPrincipal(new ClaimsIdentity(
            claims.Append(new Claim(ClaimTypes.NameIdentifier, id)).Append(new Claim(ClaimTypes.Role, AppRoles.Dispatcher)), "test")));
        signedIn.AllRegions.ShouldBeFalse();
        signedIn.Regions.ShouldBe([Regions.Southwest]);

        var row = (await _users.ListAsync(TestApp.Admin)).Single(u => u.Id == id);
        (row.Email, row.DisplayName, row.Locked, row.Active).ShouldBe((email, "西南调度 测试", false, true));
        row.Roles.ShouldBe([AppRoles.Dispatcher]);
        row.Regions.ShouldBe([Regions.Southwest]);
    }

    [Fact]
    public async Task TheLastActiveAdminCannotBeDeactivatedLockedOrDemoted()
    {
        var second = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "第二管理员", AppRoles.Admin, AccessScope.AllRegionsValue, Password));
        // Everyone else who is an active Admin steps down, so the new one is the last.
        foreach (var other in (await _users.ListAsync(TestApp.Admin)).Where(u => u.Id != second && u.Active && !u.Locked && u.Roles.Contains(AppRoles.Admin)))
            await _users.DeactivateAsync(TestApp.Admin, other.Id);

        (await Should.ThrowAsync<DomainRuleException>(() => _users.DeactivateAsync(TestApp.Admin, second))).Code.ShouldBe("Admin.LastAdmin");
        (await Should.ThrowAsync<DomainRuleException>(() => _users.SetLockedAsync(TestApp.Admin, second, true))).Code.ShouldBe("Admin.LastAdmin");
        (await Should.ThrowAsync<DomainRuleException>(() => _users.SetRoleAsync(TestApp.Admin, second, AppRoles.Manager))).Code.ShouldBe("Admin.LastAdmin");

        var row = (await _users.ListAsync(TestApp.Admin)).Single(u => u.Id == second);
        (row.Active, row.Locked).ShouldBe((true, false));
        row.Roles.ShouldBe([AppRoles.Admin]);
    }

    [Fact]
    public async Task TwoAdminsTakingEachOthersAdminAtOnceLeaveExactlyOneActiveAdmin()
    {
        // Several rounds, each with the two changes started together: without the check inside the change's
        // transaction both pass "another Admin is left" before either writes, and no Admin is left.
        for (var round = 0; round < 6; round++)
        {
            var a = await NewAdminAsync();
            var b = await NewAdminAsync();
            foreach (var other in (await ActiveAdminsAsync()).Where(id => id != a && id != b))
                await _users.DeactivateAsync(TestApp.Admin, other);
            var asA = TestApp.Scope(a, "管理员 甲", AppRoles.Admin, allRegions: true);
            var asB = TestApp.Scope(b, "管理员 乙", AppRoles.Admin, allRegions: true);

            var outcomes = await Task.WhenAll(
                Task.Run(() => RefusedAsLastAdminAsync(round % 2 == 0
                    ? () => _users.SetRoleAsync(asA, b, AppRoles.Manager)
                    : () => _users.DeactivateAsync(asA, b))),
                Task.Run(() => RefusedAsLastAdminAsync(round % 3 == 0
                    ? () => _users.SetLockedAsync(asB, a, true)
                    : () => _users.SetRoleAsync(asB, a, AppRoles.Finance))));

            outcomes.Count(refused => refused).ShouldBe(1, $"round {round}");
            (await ActiveAdminsAsync()).Count.ShouldBe(1, $"round {round}");
        }
    }

    [Fact]
    public async Task AWarehouseUserIsCreatedWithItsRegion()
    {
        var id = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "华南仓管 测试", AppRoles.Warehouse, Regions.South, Password));

        var row = (await _users.ListAsync(TestApp.Admin)).Single(u => u.Id == id);
        row.Roles.ShouldBe([AppRoles.Warehouse]);
        row.Regions.ShouldBe([Regions.South]);
    }

    [Fact]
    public async Task ATechnicianAccountIsLinkedToItsRecordAndScopedToItsRegion()
    {
        var technician = (await _users.UnlinkedTechniciansAsync(TestApp.Admin, Regions.South)).First();
        var email = $"{Guid.NewGuid():N}@test.scrm";

        // The region asked for is the technician's own whatever the form said: the account works that record's jobs.
        var id = await _users.CreateAsync(TestApp.Admin,
            new NewUser(email, $"技师 {technician.Name}", AppRoles.Technician, AccessScope.AllRegionsValue, Password, technician.Id));

        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await manager.FindByIdAsync(id)).ShouldNotBeNull();
        (await manager.GetRolesAsync(user)).ShouldBe([AppRoles.Technician]);
        var claims = await manager.GetClaimsAsync(user);
        claims.Single(c => c.Type == AccessScope.TechnicianClaim).Value.ShouldBe(technician.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        claims.Where(c => c.Type == AccessScope.RegionClaim).Select(c => c.Value).ShouldBe([Regions.South]);
        (await LinkedAccountAsync(technician.Id)).ShouldBe(id);
        (await _users.UnlinkedTechniciansAsync(TestApp.Admin, Regions.South)).ShouldNotContain(t => t.Id == technician.Id);
        var signedIn = AccessScope.From(new ClaimsPrincipal(new ClaimsIdentity(
            claims.Append(new Claim(ClaimTypes.NameIdentifier, id)).Append(new Claim(ClaimTypes.Role, AppRoles.Technician)), "test")));
        signedIn.TechnicianId.ShouldBe(technician.Id);
    }

    [Fact]
    public async Task ASecondAccountForOneTechnicianIsRefusedAndLeavesNothingBehind()
    {
        var technician = (await _users.UnlinkedTechniciansAsync(TestApp.Admin, Regions.North)).First();
        var first = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", $"技师 {technician.Name}", AppRoles.Technician, Regions.North, Password, technician.Id));
        var second = $"{Guid.NewGuid():N}@test.scrm";

        var rejected = await Should.ThrowAsync<InputRejectedException>(() => _users.CreateAsync(TestApp.Admin,
            new NewUser(second, "技师 冒名", AppRoles.Technician, Regions.North, Password, technician.Id)));

        rejected.Errors.Single().Code.ShouldBe("Admin.TechnicianHasAccount");
        (await LinkedAccountAsync(technician.Id)).ShouldBe(first);
        // The account was created before the link was refused, in the same transaction: it is gone with it.
        (await _users.ListAsync(TestApp.Admin)).ShouldNotContain(u => u.Email == second);
    }

    [Fact]
    public async Task ATechnicianAccountNeedsATechnicianRecord()
    {
        var rejected = await Should.ThrowAsync<InputRejectedException>(() => _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "技师 无档案", AppRoles.Technician, Regions.East, Password)));

        rejected.Errors.Single().Field.ShouldBe("technicianId");
        (await Should.ThrowAsync<InputRejectedException>(() => _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "技师 无档案", AppRoles.Technician, Regions.East, Password, long.MaxValue))))
            .Errors.Single().Code.ShouldBe("Admin.TechnicianUnknown");
    }

    [Fact]
    public async Task ADeactivatedTechnicianAccountKeepsItsRecordForReactivation()
    {
        var technician = (await _users.UnlinkedTechniciansAsync(TestApp.Admin, Regions.Southwest)).First();
        var id = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", $"技师 {technician.Name}", AppRoles.Technician, Regions.Southwest, Password, technician.Id));

        await _users.DeactivateAsync(TestApp.Admin, id);

        (await LinkedAccountAsync(technician.Id)).ShouldBe(id);
        (await _users.UnlinkedTechniciansAsync(TestApp.Admin, Regions.Southwest)).ShouldNotContain(t => t.Id == technician.Id);
        await _users.ReactivateAsync(TestApp.Admin, id);
        (await LockedOutAsync(id)).ShouldBeFalse();
    }

    [Fact]
    public async Task ALockedUserIsLockedOutUntilUnlockedAndADeactivatedOneForGood()
    {
        var id = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "财务 测试", AppRoles.Finance, AccessScope.AllRegionsValue, Password));

        await _users.SetLockedAsync(TestApp.Admin, id, true);
        (await LockedOutAsync(id)).ShouldBeTrue();
        await _users.SetLockedAsync(TestApp.Admin, id, false);
        (await LockedOutAsync(id)).ShouldBeFalse();

        await _users.DeactivateAsync(TestApp.Admin, id);
        (await LockedOutAsync(id)).ShouldBeTrue();
        (await Should.ThrowAsync<DomainRuleException>(() => _users.SetLockedAsync(TestApp.Admin, id, false))).Code.ShouldBe("Admin.UserDeactivated");
        var row = (await _users.ListAsync(TestApp.Admin)).Single(u => u.Id == id);
        (row.Active, row.Locked).ShouldBe((false, true));
    }

    [Fact]
    public async Task AReactivatedUserSignsInAgainWithTheOldPasswordRoleAndRegion()
    {
        var id = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "华南调度 回归", AppRoles.Dispatcher, Regions.South, Password));
        await _users.DeactivateAsync(TestApp.Admin, id);

        await _users.ReactivateAsync(TestApp.Admin, id);

        (await LockedOutAsync(id)).ShouldBeFalse();
        var row = (await _users.ListAsync(TestApp.Admin)).Single(u => u.Id == id);
        (row.Active, row.Locked).ShouldBe((true, false));
        row.Roles.ShouldBe([AppRoles.Dispatcher]);
        row.Regions.ShouldBe([Regions.South]);
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        (await manager.CheckPasswordAsync((await manager.FindByIdAsync(id))!, Password)).ShouldBeTrue();
        // Deactivated again, it is refused again: nothing of the first deactivation lingers.
        await _users.DeactivateAsync(TestApp.Admin, id);
        (await LockedOutAsync(id)).ShouldBeTrue();
    }

    [Fact]
    public async Task ReactivatingAMerelyLockedUserLeavesTheLockToUnlock()
    {
        var id = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "客服 锁定", AppRoles.Agent, AccessScope.AllRegionsValue, Password));
        await _users.SetLockedAsync(TestApp.Admin, id, true);

        await _users.ReactivateAsync(TestApp.Admin, id);

        (await LockedOutAsync(id)).ShouldBeTrue();
    }

    [Fact]
    public async Task AResetPasswordReplacesTheOldOne()
    {
        var id = await _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "客服 测试", AppRoles.Agent, AccessScope.AllRegionsValue, Password));

        await _users.ResetPasswordAsync(TestApp.Admin, id, "Changed-2026!");

        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await manager.FindByIdAsync(id)).ShouldNotBeNull();
        (await manager.CheckPasswordAsync(user, Password)).ShouldBeFalse();
        (await manager.CheckPasswordAsync(user, "Changed-2026!")).ShouldBeTrue();
    }

    [Fact]
    public async Task ATooShortPasswordOrATakenEmailIsRejectedAsInput()
    {
        (await Should.ThrowAsync<InputRejectedException>(() => _users.CreateAsync(TestApp.Admin,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "短密码", AppRoles.Agent, Regions.East, "short")))).Errors.ShouldContain(e => e.Field == "password");
        (await Should.ThrowAsync<InputRejectedException>(() => _users.CreateAsync(TestApp.Admin,
            new NewUser("dispatcher.east@demo.scrm", "重复", AppRoles.Agent, Regions.East, Password)))).Errors.ShouldContain(e => e.Code == "Admin.EmailTaken");
    }

    [Fact]
    public async Task ANonAdminScopeIsRefusedByTheServiceItself()
    {
        var manager = TestApp.Scope("test-manager", "测试经理", AppRoles.Manager, allRegions: true);
        var anyone = (await _users.ListAsync(TestApp.Admin)).First();

        (await Should.ThrowAsync<AccessDeniedException>(() => _users.ListAsync(manager))).Code.ShouldBe("Admin.AdminOnly");
        await Should.ThrowAsync<AccessDeniedException>(() => _users.CreateAsync(manager,
            new NewUser($"{Guid.NewGuid():N}@test.scrm", "越权", AppRoles.Admin, AccessScope.AllRegionsValue, Password)));
        await Should.ThrowAsync<AccessDeniedException>(() => _users.DeactivateAsync(manager, anyone.Id));
        await Should.ThrowAsync<AccessDeniedException>(() => _users.ResetPasswordAsync(manager, anyone.Id, Password));
        await Should.ThrowAsync<AccessDeniedException>(() => _users.SetRoleAsync(manager, anyone.Id, AppRoles.Admin));
        await Should.ThrowAsync<AccessDeniedException>(() => _users.ReactivateAsync(manager, anyone.Id));
    }

    private Task<string> NewAdminAsync() => _users.CreateAsync(TestApp.Admin,
        new NewUser($"{Guid.NewGuid():N}@test.scrm", "管理员 并发", AppRoles.Admin, AccessScope.AllRegionsValue, Password));

    private async Task<List<string>> ActiveAdminsAsync() =>
        (await _users.ListAsync(TestApp.Admin)).Where(u => u.Active && !u.Locked && u.Roles.Contains(AppRoles.Admin)).Select(u => u.Id).ToList();

    private static async Task<bool> RefusedAsLastAdminAsync(Func<Task> change)
    {
        try
        {
            await change();
            return false;
        }
        catch (DomainRuleException e) when (e.Code == "Admin.LastAdmin")
        {
            return true;
        }
    }

    private async Task<string?> LinkedAccountAsync(long technicianId)
    {
        await using var db = await app.DbAsync(AccessScope.System);
        return await db.Technicians.Where(t => t.Id == technicianId).Select(t => t.UserId).SingleAsync();
    }

    private async Task<bool> LockedOutAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await manager.IsLockedOutAsync((await manager.FindByIdAsync(id))!);
    }
}

/// <summary>The users page on the shared test host; it only reads there.</summary>
[Collection(AppCollection.Name)]
public sealed class UsersPageRendering : AppComponentContext
{
    public UsersPageRendering(TestApp app) : base(app)
    {
        Services.AddSingleton(ActivatorUtilities.CreateInstance<UserAdmin>(app.Services));
    }

    [Fact]
    public void AnAdminSeesTheDemoAccountsWithRoleRegionAndState()
    {
        using var _ = UiCulture.Chinese();

        var cut = RenderAs("管理员 用户", AppRoles.Admin, AccessScope.AllRegionsValue);

        cut.WaitForAssertion(() => Row(cut, "dispatcher.south@demo.scrm").ShouldNotBeNull());
        var row = Row(cut, "dispatcher.south@demo.scrm")!;
        Cell(row, "user-row-name").ShouldBe("华南调度 陈杰");
        Cell(row, "user-row-regions").ShouldBe("华南");
        Cell(row, "user-row-state").ShouldBe("有效");
        row.QuerySelector("[data-testid=user-deactivate]").ShouldNotBeNull();
        Cell(Row(cut, "admin@demo.scrm")!, "user-row-regions").ShouldBe("全部区域");
    }

    [Fact]
    public void ADispatcherGetsTheAccessMessageAndNoUsers()
    {
        using var _ = UiCulture.Chinese();

        var cut = RenderAs("华东调度 用户", AppRoles.Dispatcher, Regions.East);

        cut.WaitForAssertion(() => cut.Find("[data-testid=users-refused]").TextContent.Trim().ShouldBe("只有管理员可以管理用户和 API 密钥"));
        cut.FindAll("tr.user-row").ShouldBeEmpty();
        cut.FindAll("[data-testid=user-create]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAdminReactivatesADeactivatedUserFromItsRow()
    {
        using var _ = UiCulture.Chinese();
        // The one write here is to an account this test makes; the other tests' rows stay as they are.
        var users = ActivatorUtilities.CreateInstance<UserAdmin>(App.Services);
        var email = $"{Guid.NewGuid():N}@test.scrm";
        var id = await users.CreateAsync(TestApp.Admin, new NewUser(email, "财务 回归", AppRoles.Finance, AccessScope.AllRegionsValue, "Start-2026!"));
        await users.DeactivateAsync(TestApp.Admin, id);
        var cut = RenderAs("管理员 用户", AppRoles.Admin, AccessScope.AllRegionsValue);
        cut.WaitForAssertion(() => Cell(Row(cut, email).ShouldNotBeNull(), "user-row-state").ShouldBe("已停用"));
        Row(cut, "dispatcher.south@demo.scrm")!.QuerySelector("[data-testid=user-reactivate]").ShouldBeNull();

        await Row(cut, email)!.QuerySelector("[data-testid=user-reactivate]").ShouldNotBeNull().ClickAsync(new());

        cut.WaitForAssertion(() => Cell(Row(cut, email)!, "user-row-state").ShouldBe("有效"));
        Row(cut, email)!.QuerySelector("[data-testid=user-deactivate]").ShouldNotBeNull();
        Snackbars(cut).ShouldContain($"{email} 已重新启用");
    }

    private IRenderedComponent<ContainerFragment> RenderAs(string name, string role, string region)
    {
        SignIn(name, role, region);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return RenderPage<UsersPage>();
    }

    private static AngleSharp.Dom.IElement? Row(IRenderedComponent<ContainerFragment> cut, string email) =>
        cut.FindAll("tr.user-row").SingleOrDefault(r => r.QuerySelector("[data-testid=user-row-email]")!.TextContent.Trim() == email);

    private static string Cell(AngleSharp.Dom.IElement row, string testId) =>
        row.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? "";
}

/// <summary>The users page making a Technician account, on a host of its own: it links a technician record.</summary>
public sealed class UsersPageTechnicianAccounts : AppComponentContext, IClassFixture<TestApp>
{
    public UsersPageTechnicianAccounts(TestApp app) : base(app)
    {
        Services.AddSingleton(ActivatorUtilities.CreateInstance<UserAdmin>(app.Services));
        SignIn("管理员 用户", AppRoles.Admin, AccessScope.AllRegionsValue);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task AnAdminPicksATechnicianOfTheRegionAndItsAccountIsLinkedToIt()
    {
        using var _ = UiCulture.Chinese();
        var cut = RenderPage<UsersPage>();
        cut.WaitForAssertion(() => cut.FindAll("tr.user-row").ShouldNotBeEmpty());
        cut.FindAll("[data-testid=user-technician]").ShouldBeEmpty();

        await Choose(cut, "区域", Regions.South);
        await Choose(cut, "角色", AppRoles.Technician);

        var picker = cut.FindComponents<MudSelect<long?>>().ShouldHaveSingleItem();
        picker.Instance.HelperText.ShouldBe("只列出该区域尚无账户的技师");
        var technician = (await App.TechnicianIdsAsync(Regions.South))[0];
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(technician));
        string name;
        await using (var db = await App.DbAsync())
            name = await db.Technicians.Where(t => t.Id == technician).Select(t => t.Name).SingleAsync();
        // Picking the technician fills in the display name the demo's technician accounts have.
        Field(cut, "显示名称").Find("input").GetAttribute("value").ShouldBe($"技师 {name}");
        var email = $"{Guid.NewGuid():N}@test.scrm";
        await cut.InvokeAsync(() => Field(cut, "邮箱").Instance.ValueChanged.InvokeAsync(email));
        await cut.InvokeAsync(() => Field(cut, "初始密码").Instance.ValueChanged.InvokeAsync("Start-2026!"));

        await cut.Find("[data-testid=user-create]").ClickAsync(new());

        cut.WaitForAssertion(() => Snackbars(cut).ShouldContain($"已创建用户 {email}"));
        await using (var db = await App.DbAsync())
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            (await db.Technicians.Where(t => t.Id == technician).Select(t => t.UserId).SingleAsync()).ShouldBe(userId);
        }
        cut.WaitForAssertion(() => cut.FindAll("tr.user-row").ShouldContain(r => r.TextContent.Contains(email) && r.TextContent.Contains("技师")));
        // The record now has its account: the picker no longer offers it.
        (await App.Get<UserAdmin>().UnlinkedTechniciansAsync(TestApp.Admin, Regions.South)).ShouldNotContain(t => t.Id == technician);
    }

    [Fact]
    public async Task CreatingATechnicianAccountWithoutPickingOneMarksTheTechnicianField()
    {
        using var _ = UiCulture.Chinese();
        var cut = RenderPage<UsersPage>();
        cut.WaitForAssertion(() => cut.FindAll("tr.user-row").ShouldNotBeEmpty());
        await Choose(cut, "角色", AppRoles.Technician);
        await cut.InvokeAsync(() => Field(cut, "邮箱").Instance.ValueChanged.InvokeAsync($"{Guid.NewGuid():N}@test.scrm"));
        await cut.InvokeAsync(() => Field(cut, "显示名称").Instance.ValueChanged.InvokeAsync("技师 未选"));
        await cut.InvokeAsync(() => Field(cut, "初始密码").Instance.ValueChanged.InvokeAsync("Start-2026!"));

        await cut.Find("[data-testid=user-create]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindComponents<MudSelect<long?>>().Single().Find(".mud-input-helper-text").TextContent.Trim().ShouldBe("请填写技师档案"));
    }

    private static async Task Choose(IRenderedComponent<ContainerFragment> cut, string label, string value)
    {
        var select = cut.FindComponents<MudSelect<string>>().First(s => s.Instance.Label == label);
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static IRenderedComponent<MudTextField<string>> Field(IRenderedComponent<ContainerFragment> cut, string label) =>
        cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == label);
}
