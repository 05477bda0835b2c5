using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>Whom a ticket's reader calls on site, and which readers see the whole number.</summary>
[Collection(AppCollection.Name)]
public sealed class TicketContact(TestApp app)
{
    private static readonly AccessScope Finance = TestApp.Scope("test-finance", "测试财务", AppRoles.Finance, allRegions: true);

    [Fact]
    public async Task IsTheCustomersFirstContactWithTheFullNumberAndACallLinkForADispatcher()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");
        var (first, second) = (TestApp.UniquePhone(), TestApp.UniquePhone());
        await AddContactsAsync(ticket.CustomerId, ("王店长", first), ("李店员", second));

        var contact = (await app.Queries.ContactAsync(TestApp.Dispatcher(Regions.East), ticket.Row.Id)).ShouldNotBeNull();

        contact.Name.ShouldBe("王店长");
        contact.Phone.ShouldBe(first);
        contact.Masked.ShouldBeFalse();
        contact.CallLink.ShouldBe("tel:" + first);
    }

    [Fact]
    public async Task IsTheCustomerItselfWhenItHasNoContacts()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");
        await using var db = await app.DbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == ticket.CustomerId);

        var contact = (await app.Queries.ContactAsync(TestApp.Dispatcher(Regions.East), ticket.Row.Id)).ShouldNotBeNull();

        contact.Name.ShouldBe(customer.Name);
        contact.Phone.ShouldBe(customer.Phone);
    }

    private static readonly AccessScope Warehouse = TestApp.Scope("test-warehouse", "测试仓管", AppRoles.Warehouse, false, Regions.East);

    [Fact]
    public async Task IsMaskedForTheWarehouseToo()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");
        var phone = TestApp.UniquePhone();
        await AddContactsAsync(ticket.CustomerId, ("王店长", phone));

        var contact = (await app.Queries.ContactAsync(Warehouse, ticket.Row.Id)).ShouldNotBeNull();

        contact.Masked.ShouldBeTrue();
        contact.CallLink.ShouldBeNull();
    }

    [Fact]
    public async Task IsMaskedWithoutACallLinkForFinance()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");
        var phone = TestApp.UniquePhone();
        await AddContactsAsync(ticket.CustomerId, ("王店长", phone));

        var contact = (await app.Queries.ContactAsync(Finance, ticket.Row.Id)).ShouldNotBeNull();

        contact.Phone.ShouldBe(phone[..3] + "****" + phone[^4..]);
        contact.Masked.ShouldBeTrue();
        contact.CallLink.ShouldBeNull();
    }

    [Fact]
    public async Task ReachesTheAssignedTechnicianButNoOtherTechnician()
    {
        var technicians = await app.TechnicianIdsAsync(Regions.East);
        var (me, colleague) = (technicians[0], technicians[1]);
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");
        var phone = TestApp.UniquePhone();
        await AddContactsAsync(ticket.CustomerId, ("王店长", phone));
        await app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, me, null);

        var mine = await app.Queries.ContactAsync(TestApp.Technician(me, Regions.East), ticket.Row.Id);
        var theirs = await app.Queries.ContactAsync(TestApp.Technician(colleague, Regions.East), ticket.Row.Id);

        mine.ShouldNotBeNull().Phone.ShouldBe(phone);
        mine.CallLink.ShouldBe("tel:" + phone);
        theirs.ShouldBeNull();
    }

    private async Task AddContactsAsync(long customerId, params (string Name, string Phone)[] contacts)
    {
        await using var db = await app.DbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        foreach (var (name, phone) in contacts)
        {
            customer.AddContact(name, phone, null);
            await db.SaveChangesAsync();  // one at a time, so the ids follow the order given
        }
    }
}
