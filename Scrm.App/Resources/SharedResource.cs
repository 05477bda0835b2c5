namespace Scrm.App.Resources;

/// <summary>Marker for the app's one resource set: SharedResource.resx (zh-CN, the default) and SharedResource.en.resx.</summary>
public sealed class SharedResource;
