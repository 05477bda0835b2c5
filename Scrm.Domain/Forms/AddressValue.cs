using Scrm.Domain.Geo;

namespace Scrm.Domain.Forms;

/// <summary>An address as typed, with the map point when one was picked.</summary>
public sealed record AddressValue(string Text, GeoPoint? Point = null);
