using Scrm.Domain.Common;
using Scrm.Domain.Customers;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Domain;

public class CustomerAccounts
{
    internal static readonly City Shanghai = new("上海", "上海", Regions.East, new GeoPoint(31.2304, 121.4737));
    private static readonly DateTimeOffset Since = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    internal static Customer NewCustomer(string name = "全家便利店", string phone = "021-62345678",
        string industry = "零售", string region = Regions.East) =>
        new(name, phone, industry, CustomerTier.Gold, region, Since);

    [Fact]
    public void KeepsTrimmedDetailsAndANormalisedPhone()
    {
        var customer = NewCustomer(name: "  全家便利店 ", phone: "021-6234 5678");

        customer.Name.ShouldBe("全家便利店");
        customer.Phone.ShouldBe("02162345678");
        customer.Industry.ShouldBe("零售");
        customer.Tier.ShouldBe(CustomerTier.Gold);
        customer.Region.ShouldBe(Regions.East);
        customer.CustomerSince.ShouldBe(Since);
        customer.Contacts.ShouldBeEmpty();
        customer.Sites.ShouldBeEmpty();
        customer.Devices.ShouldBeEmpty();
    }

    [Fact]
    public void TreatsIndustryAsOptional() =>
        NewCustomer(industry: "  ").Industry.ShouldBe("");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RequiresAName(string name)
    {
        var refusal = Should.Throw<DomainRuleException>(() => NewCustomer(name: name));

        refusal.Code.ShouldBe("Field.Required");
        refusal.Args.ShouldBe(["name"]);
    }

    [Fact]
    public void RefusesANameLongerThanTheLimit()
    {
        var refusal = Should.Throw<DomainRuleException>(() => NewCustomer(name: new string('店', Customer.NameMaxLength + 1)));

        refusal.Code.ShouldBe("Field.TooLong");
        refusal.Args.ShouldBe(["name", Customer.NameMaxLength]);
    }

    [Fact]
    public void AcceptsANameOfExactlyTheLimit() =>
        NewCustomer(name: new string('店', Customer.NameMaxLength)).Name.Length.ShouldBe(Customer.NameMaxLength);

    [Fact]
    public void RefusesAnInvalidPhone() =>
        Should.Throw<DomainRuleException>(() => NewCustomer(phone: "123")).Code.ShouldBe("Phone.Invalid");

    [Fact]
    public void RequiresARegion() =>
        Should.Throw<DomainRuleException>(() => NewCustomer(region: " ")).Code.ShouldBe("Field.Required");

    [Fact]
    public void RefusesARegionLongerThanTheLimit() =>
        Should.Throw<DomainRuleException>(() => NewCustomer(region: new string('东', Regions.NameMaxLength + 1)))
            .Code.ShouldBe("Field.TooLong");

    [Fact]
    public void RefusesAnIndustryLongerThanTheLimit() =>
        Should.Throw<DomainRuleException>(() => NewCustomer(industry: new string('业', Customer.IndustryMaxLength + 1)))
            .Code.ShouldBe("Field.TooLong");

    [Fact]
    public void AddsAContactWithANormalisedPhone()
    {
        var customer = NewCustomer();

        var contact = customer.AddContact(" 张店长 ", "+86 139-0000-1111", null);

        contact.Name.ShouldBe("张店长");
        contact.Phone.ShouldBe("13900001111");
        contact.Role.ShouldBe("");
        customer.Contacts.ShouldBe([contact]);
    }

    [Fact]
    public void AddsNoContactWithAnInvalidPhone()
    {
        var customer = NewCustomer();

        Should.Throw<DomainRuleException>(() => customer.AddContact("张店长", "123", "店长")).Code.ShouldBe("Phone.Invalid");
        customer.Contacts.ShouldBeEmpty();
    }

    [Fact]
    public void AddsASiteInTheCitysRegion()
    {
        var customer = NewCustomer();
        var location = new GeoPoint(31.2243, 121.4456);

        var site = customer.AddSite("南京西路店", " 南京西路 1000 号 ", Shanghai, location);

        site.Name.ShouldBe("南京西路店");
        site.Address.ShouldBe("南京西路 1000 号");
        site.City.ShouldBe("上海");
        site.Region.ShouldBe(Regions.East);
        site.Location.ShouldBe(location);
        customer.Sites.ShouldBe([site]);
    }

    [Fact]
    public void RequiresASiteAddress()
    {
        var customer = NewCustomer();

        Should.Throw<DomainRuleException>(() => customer.AddSite("南京西路店", " ", Shanghai, new GeoPoint(31.2, 121.4)))
            .Code.ShouldBe("Field.Required");
        customer.Sites.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesASiteAddressLongerThanTheLimit()
    {
        var customer = NewCustomer();
        var address = new string('路', Site.AddressMaxLength + 1);

        Should.Throw<DomainRuleException>(() => customer.AddSite("南京西路店", address, Shanghai, new GeoPoint(31.2, 121.4)))
            .Code.ShouldBe("Field.TooLong");
        customer.Sites.ShouldBeEmpty();
    }
}

public class CustomerDevices
{
    private static readonly DateOnly InstalledOn = new(2025, 6, 1);
    private static readonly DateOnly WarrantyEnd = new(2027, 5, 31);

    private static (Customer Customer, Site Site) CustomerWithASite()
    {
        var customer = CustomerAccounts.NewCustomer();
        var site = customer.AddSite("南京西路店", "南京西路 1000 号", CustomerAccounts.Shanghai, new GeoPoint(31.2243, 121.4456));
        return (customer, site);
    }

    [Fact]
    public void AddsADeviceAtASite()
    {
        var (customer, site) = CustomerWithASite();

        var device = customer.AddDevice(site, " 大金 FTXS35 ", "SN-0001", InstalledOn, WarrantyEnd);

        device.Site.ShouldBeSameAs(site);
        device.Model.ShouldBe("大金 FTXS35");
        device.SerialNumber.ShouldBe("SN-0001");
        device.InstalledOn.ShouldBe(InstalledOn);
        device.WarrantyEnd.ShouldBe(WarrantyEnd);
        customer.Devices.ShouldBe([device]);
    }

    [Fact]
    public void RefusesAWarrantyThatEndsBeforeInstallation()
    {
        var (customer, site) = CustomerWithASite();

        Should.Throw<DomainRuleException>(() =>
                customer.AddDevice(site, "大金 FTXS35", "SN-0001", InstalledOn, InstalledOn.AddDays(-1)))
            .Code.ShouldBe("Device.WarrantyBeforeInstall");
        customer.Devices.ShouldBeEmpty();
    }

    [Fact]
    public void AcceptsAWarrantyEndingOnTheInstallationDay()
    {
        var (customer, site) = CustomerWithASite();

        customer.AddDevice(site, "大金 FTXS35", "SN-0001", InstalledOn, InstalledOn).WarrantyEnd.ShouldBe(InstalledOn);
    }

    [Fact]
    public void RequiresADeviceModel()
    {
        var (customer, site) = CustomerWithASite();

        Should.Throw<DomainRuleException>(() => customer.AddDevice(site, " ", "SN-0001", InstalledOn, WarrantyEnd))
            .Code.ShouldBe("Field.Required");
    }

    [Theory]
    [InlineData("2025-06-01", true)]
    [InlineData("2027-05-30", true)]
    [InlineData("2027-05-31", true)]
    [InlineData("2027-06-01", false)]
    public void StayUnderWarrantyThroughTheLastDay(string today, bool covered)
    {
        var (customer, site) = CustomerWithASite();
        var device = customer.AddDevice(site, "大金 FTXS35", "SN-0001", InstalledOn, WarrantyEnd);

        device.IsUnderWarranty(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(covered);
    }
}

public class TechnicianProfiles
{
    private static Technician NewTechnician() =>
        new(" 李师傅 ", "138 1234 5678", CustomerAccounts.Shanghai, TechnicianLevel.Senior);

    [Fact]
    public void StartsAvailableInTheirHomeCity()
    {
        var technician = NewTechnician();

        technician.Name.ShouldBe("李师傅");
        technician.Phone.ShouldBe("13812345678");
        technician.City.ShouldBe("上海");
        technician.Region.ShouldBe(Regions.East);
        technician.Lat.ShouldBe(31.2304);
        technician.Lng.ShouldBe(121.4737);
        technician.Level.ShouldBe(TechnicianLevel.Senior);
        technician.Status.ShouldBe(TechnicianStatus.Available);
        technician.Rating.ShouldBeNull();
        technician.Skills.ShouldBeEmpty();
    }

    [Fact]
    public void RequiresAName() =>
        Should.Throw<DomainRuleException>(() => new Technician("  ", "13812345678", CustomerAccounts.Shanghai, TechnicianLevel.Junior))
            .Code.ShouldBe("Field.Required");

    [Fact]
    public void RefusesAnInvalidPhone() =>
        Should.Throw<DomainRuleException>(() => new Technician("李师傅", "123", CustomerAccounts.Shanghai, TechnicianLevel.Junior))
            .Code.ShouldBe("Phone.Invalid");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void AcceptsSkillLevelsOneToFive(int level)
    {
        var technician = NewTechnician();

        technician.AddSkill("空调", level);

        technician.Skills.ShouldHaveSingleItem().Level.ShouldBe(level);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void RefusesASkillLevelOutsideOneToFive(int level)
    {
        var technician = NewTechnician();

        var refusal = Should.Throw<DomainRuleException>(() => technician.AddSkill("空调", level));

        refusal.Code.ShouldBe("Skill.LevelOutOfRange");
        technician.Skills.ShouldBeEmpty();
    }

    [Fact]
    public void ReplacesASkillOfTheSameName()
    {
        var technician = NewTechnician();
        technician.AddSkill("空调", 2);

        technician.AddSkill(" 空调 ", 4);

        var skill = technician.Skills.ShouldHaveSingleItem();
        skill.Skill.ShouldBe("空调");
        skill.Level.ShouldBe(4);
    }

    [Fact]
    public void KeepsDifferentSkillsSideBySide()
    {
        var technician = NewTechnician();

        technician.AddSkill("空调", 3);
        technician.AddSkill("冷库", 2);

        technician.Skills.Select(s => (s.Skill, s.Level)).ShouldBe([("空调", 3), ("冷库", 2)], ignoreOrder: true);
    }

    [Fact]
    public void RequiresASkillName() =>
        Should.Throw<DomainRuleException>(() => NewTechnician().AddSkill(" ", 3)).Code.ShouldBe("Field.Required");

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(5.0, 5.0)]
    [InlineData(4.456, 4.46)]
    public void KeepsARatingOfOneToFiveToTwoDecimals(double rating, double kept)
    {
        var technician = NewTechnician();

        technician.Rate(rating);

        technician.Rating.ShouldBe(kept);
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(5.01)]
    [InlineData(0)]
    [InlineData(double.NaN)]
    public void RefusesARatingOutsideOneToFive(double rating)
    {
        var technician = NewTechnician();

        Should.Throw<DomainRuleException>(() => technician.Rate(rating)).Code.ShouldBe("Rating.OutOfRange");
        technician.Rating.ShouldBeNull();
    }

    [Fact]
    public void TakesANewStatusAndAnAccount()
    {
        var technician = NewTechnician();

        technician.SetStatus(TechnicianStatus.OnLeave);
        technician.LinkAccount("user-7");

        technician.Status.ShouldBe(TechnicianStatus.OnLeave);
        technician.UserId.ShouldBe("user-7");
    }
}
