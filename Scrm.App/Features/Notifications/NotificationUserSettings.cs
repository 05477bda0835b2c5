using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Scrm.App.Features.Notifications;

/// <summary>
/// A user's own notification settings. <see cref="MuteToasts"/>: a busy dispatcher gets a message per new ticket and
/// wants no toast for each; the bell still counts them.
/// </summary>
public sealed class NotificationUserSettings
{
    public string UserId { get; set; } = "";
    public bool MuteToasts { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class NotificationUserSettingsConfiguration : IEntityTypeConfiguration<NotificationUserSettings>
{
    public void Configure(EntityTypeBuilder<NotificationUserSettings> b)
    {
        b.ToTable("NotificationUserSettings");
        b.HasKey(s => s.UserId);
        b.Property(s => s.UserId).HasMaxLength(450);
    }
}
