using Scrm.App.Features.Customers;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class CustomerListCities(TestApp app)
{
    [Fact]
    public async Task AChainShowsTheCitiesOfTheSitesTheCallerMaySeeOnly()
    {
        var customers = app.Get<CustomerQueries>();

        var south = (await customers.ListAsync(TestApp.Dispatcher(Regions.South), "椰语奶茶", null, 0, 25)).Items.ShouldHaveSingleItem();
        var admin = (await customers.ListAsync(TestApp.Admin, "椰语奶茶", null, 0, 25)).Items.ShouldHaveSingleItem();

        south.Cities.ShouldBe(["广州", "深圳"], ignoreOrder: true);
        admin.Cities.ShouldBe(["上海", "杭州", "广州", "深圳"], ignoreOrder: true);
    }
}
