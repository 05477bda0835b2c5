using Scrm.App.Features.Catalog;
using Scrm.App.Features.Shared;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Pricing;

public sealed class CatalogImportTests(PricingHost app) : IClassFixture<PricingHost>
{
    [Fact]
    public async Task AFileWithOneBadRowImportsNothingAndNamesEveryBadRow()
    {
        var catalog = app.Get<CatalogService>();
        const string csv = """
            sku,name,category,compatibility,costFen,listPriceFen
            PT-IMPORT-1,测试滤芯,净水器,通用,1000,2000
            PT-IMPORT-2,,净水器,通用,-5,abc
            PT-IMPORT-1,重复,净水器,通用,1,2
            """;

        var result = await catalog.ImportPartsAsync(TestApp.Admin, csv);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => (e.Line, e.Field)).ShouldBe([(3, "name"), (3, "costFen"), (3, "listPriceFen"), (4, "sku")], ignoreOrder: true);
        (await catalog.PartsAsync()).ShouldNotContain(p => p.Sku == "PT-IMPORT-1");
    }

    [Fact]
    public async Task AGoodFileImportsEveryRowAndUpdatesExistingOnes()
    {
        var catalog = app.Get<CatalogService>();
        const string csv = "code,name,category,standardMinutes,labourPriceFen\r\nSVC-IMPORT-1,\"蒸烤箱保养, 含除垢\",厨房设备,60,26000\r\nSVC-INSPECT,设备例行巡检,巡检,60,19000\r\n";

        var result = await catalog.ImportServiceItemsAsync(TestApp.Admin, csv);

        result.Succeeded.ShouldBeTrue();
        result.Imported.ShouldBe(2);
        var items = await catalog.ServiceItemsAsync();
        items.Single(i => i.Code == "SVC-IMPORT-1").Name.ShouldBe("蒸烤箱保养, 含除垢");
        items.Single(i => i.Code == "SVC-INSPECT").LabourPriceFen.ShouldBe(19000);
        await Should.ThrowAsync<AccessDeniedException>(() => catalog.ImportServiceItemsAsync(TestApp.Agent, csv));
    }
}
