using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Forms;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>A device-model field's suggestions: the customer's own devices first, then the catalogue the caller may see.</summary>
[Collection(AppCollection.Name)]
public sealed class FormDeviceModelSuggestions(TestApp app)
{
    [Fact]
    public async Task TheCustomersOwnDevicesComeFirstThenTheCatalogue()
    {
        await using var db = await app.Get<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        var customerId = await db.Devices.GroupBy(d => d.CustomerId).Select(g => g.Key).FirstAsync();
        var own = await db.Devices.Where(d => d.CustomerId == customerId).Select(d => d.Model).Distinct().OrderBy(m => m).ToListAsync();
        var others = await db.Devices.Where(d => d.CustomerId != customerId && !own.Contains(d.Model)).Select(d => d.Model).Distinct().ToListAsync();
        others.ShouldNotBeEmpty();

        var suggested = await app.Get<DeviceModels>().ForCustomerAsync(TestApp.Admin, customerId);

        suggested.Take(own.Count).ShouldBe(own);
        suggested.Skip(own.Count).ShouldNotBeEmpty();
        suggested.Skip(own.Count).ShouldAllBe(m => !own.Contains(m));
        suggested.Count.ShouldBeLessThanOrEqualTo(own.Count + DeviceModels.CatalogueSize);
        suggested.ShouldBeUnique();
    }

    [Fact]
    public async Task TheCatalogueIsTheMostInstalledModelsAtTheCallersRegionsSites()
    {
        await using var db = await app.Get<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        var east = await db.Devices.Where(d => db.Sites.Any(s => s.Id == d.SiteId && s.Region == "华东")).Select(d => d.Model).ToListAsync();
        var expected = east.GroupBy(m => m).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(DeviceModels.CatalogueSize).Select(g => g.Key).ToList();
        expected.ShouldNotBeEmpty();

        var suggested = await app.Get<DeviceModels>().ForCustomerAsync(TestApp.Dispatcher("华东"), null);

        suggested.ShouldBe(expected);
    }
}
