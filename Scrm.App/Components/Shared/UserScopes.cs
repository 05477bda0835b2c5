using Microsoft.AspNetCore.Components.Authorization;
using Scrm.App.Data;

namespace Scrm.App.Components.Shared;

public static class UserScopes
{
    /// <summary>The signed-in user's access scope, for passing to the feature services.</summary>
    public static async Task<AccessScope> ScopeAsync(this Task<AuthenticationState>? state) =>
        state is null ? AccessScope.Nobody : AccessScope.From((await state).User);
}
