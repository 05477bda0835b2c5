namespace Scrm.Domain.Forms;

/// <summary>One choice of a select: <see cref="Value"/> is what is stored, the labels are what people read.</summary>
public sealed record FieldOption(string Value, string LabelZh, string? LabelEn = null);
