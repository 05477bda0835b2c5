using Microsoft.AspNetCore.Identity;

namespace Scrm.App.Data;

/// <summary>A person who signs in. Roles and region scope are Identity roles and "region" claims.</summary>
public class ApplicationUser : IdentityUser, Scrm.Domain.Common.IAuditable
{
    public const int DisplayNameMaxLength = 60;

    public string DisplayName { get; set; } = "";
}
