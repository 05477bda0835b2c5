namespace Scrm.Domain.Forms;

public enum FormVersionStatus
{
    /// <summary>Being edited in the designer; the only status that may change its fields.</summary>
    Draft,
    /// <summary>The version new submissions use; never changes again.</summary>
    Published,
    /// <summary>Replaced by a newer version; tickets created with it still read it.</summary>
    Retired,
}
