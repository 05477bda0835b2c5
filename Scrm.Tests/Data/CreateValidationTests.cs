using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class CreateValidation(TestApp app)
{
    [Fact]
    public async Task CreateReportsEveryBadFieldAtOnceAndWritesNothing()
    {
        var request = new NewTicketRequest
        {
            Title = "   ",
            Type = "Teleportation",
            Customer = new NewCustomer { Name = "校验客户", Phone = "12345" },
            Site = new NewSite { Address = "某路 1 号", City = "亚特兰蒂斯" },
        };
        await using var db = await app.DbAsync();
        var (tickets, customers) = (await db.Tickets.CountAsync(), await db.Customers.CountAsync());

        var rejected = await Should.ThrowAsync<InputRejectedException>(() => app.Tickets.CreateAsync(TestApp.Admin, request));

        rejected.Errors.Select(e => e.Field).ShouldBe(["title", "customer.phone", "site.city", "type"], ignoreOrder: true);
        rejected.Errors.Single(e => e.Field == "customer.phone").Code.ShouldBe("Phone.Invalid");
        rejected.Errors.Single(e => e.Field == "site.city").Code.ShouldBe("City.Unknown");
        (await db.Tickets.CountAsync()).ShouldBe(tickets);
        (await db.Customers.CountAsync()).ShouldBe(customers);
    }
}
