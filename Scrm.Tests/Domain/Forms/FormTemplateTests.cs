using System.Text.Json;
using Scrm.Domain.Common;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Forms.SampleForms;

namespace Scrm.Tests.Domain.Forms;

public class FormTemplateVersions
{
    private static FormTemplate Repair() =>
        FormTemplate.CreateHeadOffice("equipment-repair", "设备报修", "Equipment repair", TicketType.Repair);

    [Fact]
    public void StartsWithoutVersions()
    {
        var template = Repair();

        template.Key.ShouldBe("equipment-repair");
        template.Region.ShouldBeNull();
        template.IsRegionVariant.ShouldBeFalse();
        template.Versions.ShouldBeEmpty();
        template.Published.ShouldBeNull();
    }

    [Theory]
    [InlineData("Equipment-Repair")]
    [InlineData("equipment_repair")]
    [InlineData("-repair")]
    [InlineData("repair-")]
    [InlineData("设备报修")]
    public void RefusesAKeyThatIsNotLowerCaseWordsWithHyphens(string key) =>
        Should.Throw<DomainRuleException>(() => FormTemplate.CreateHeadOffice(key, "设备报修", null, TicketType.Repair))
            .Code.ShouldBe("Form.BadKey");

    [Fact]
    public void SavesTheFirstDraftAsVersionOne()
    {
        var template = Repair();

        var draft = template.SaveDraft(EquipmentRepair(), Now);

        draft.Number.ShouldBe(1);
        draft.Status.ShouldBe(FormVersionStatus.Draft);
        template.Draft.ShouldBeSameAs(draft);
    }

    [Fact]
    public void SavingAgainReplacesTheDraftsFields()
    {
        var template = Repair();
        template.SaveDraft(EquipmentRepair(), Now);

        var draft = template.SaveDraft([Field("name", FieldType.Text)], Now.AddMinutes(5));

        template.Versions.ShouldHaveSingleItem().ShouldBeSameAs(draft);
        draft.Fields.ShouldHaveSingleItem().Key.ShouldBe("name");
        draft.SavedAt.ShouldBe(Now.AddMinutes(5));
    }

    [Fact]
    public void PublishesTheDraft()
    {
        var template = Repair();
        template.SaveDraft(EquipmentRepair(), Now);

        var published = template.Publish(Now.AddHours(1));

        published.Number.ShouldBe(1);
        published.Status.ShouldBe(FormVersionStatus.Published);
        published.PublishedAt.ShouldBe(Now.AddHours(1));
        template.Published.ShouldBeSameAs(published);
        template.Draft.ShouldBeNull();
    }

    [Fact]
    public void EditingAPublishedTemplateMakesTheNextVersionAndLeavesThePublishedOneAlone()
    {
        var template = Repair();
        template.SaveDraft(EquipmentRepair(), Now);
        var v1 = template.Publish(Now);
        var v1Fields = v1.Fields.ToList();

        var draft = template.SaveDraft([.. EquipmentRepair(), Field("season_note", FieldType.Text, "季节备注")], Now.AddDays(1));

        draft.Number.ShouldBe(2);
        v1.Fields.ShouldBe(v1Fields);
        template.Published.ShouldBeSameAs(v1);
        var v2 = template.Publish(Now.AddDays(2));
        v2.Number.ShouldBe(2);
        v1.Status.ShouldBe(FormVersionStatus.Retired);
        v1.RetiredAt.ShouldBe(Now.AddDays(2));
        template.Published.ShouldBeSameAs(v2);
        template.Version(1).ShouldBeSameAs(v1);
    }

    [Fact]
    public void OldTicketsStillValidateAgainstTheirVersion()
    {
        var template = Repair();
        template.SaveDraft([Field("name", FieldType.Text) with { Required = true }], Now);
        template.Publish(Now);
        template.SaveDraft([Field("name", FieldType.Text), Field("mobile", FieldType.Phone) with { Required = true }], Now);
        template.Publish(Now);

        FormValidator.Validate(template.Version(1), Values(("name", "李雷"))).IsValid.ShouldBeTrue();
        FormValidator.Validate(template.Version(2), Values(("name", "李雷"))).Errors.ShouldHaveSingleItem().FieldKey.ShouldBe("mobile");
    }

    [Fact]
    public void ARetiredOrPublishedVersionCannotChange()
    {
        var template = Repair();
        template.SaveDraft(EquipmentRepair(), Now);
        template.Publish(Now);

        Should.Throw<DomainRuleException>(() => template.Publish(Now)).Code.ShouldBe("Form.NoDraft");
        template.Versions.ShouldHaveSingleItem().Fields.ShouldBeAssignableTo<IReadOnlyList<FormField>>();
        template.Versions[0].Fields.ShouldNotBeAssignableTo<List<FormField>>();
    }

    [Fact]
    public void RefusesToPublishADraftWithProblemsNamingEachOne()
    {
        var template = Repair();
        template.SaveDraft([Field("name", FieldType.Text), Field("name", FieldType.Text), Field("kind", FieldType.SingleSelect)], Now);

        var refusal = Should.Throw<FormSchemaException>(() => template.Publish(Now));

        refusal.Code.ShouldBe("Form.SchemaInvalid");
        refusal.Problems.Select(p => p.Code).ShouldBe([SchemaProblemCodes.DuplicateKey, SchemaProblemCodes.NoOptions]);
        refusal.Message.ShouldContain("Two fields have the key 'name'.");
        template.Draft.ShouldNotBeNull();
        template.Published.ShouldBeNull();
    }

    [Fact]
    public void DiscardingTheDraftKeepsThePublishedVersion()
    {
        var template = Repair();
        template.SaveDraft(EquipmentRepair(), Now);
        var v1 = template.Publish(Now);
        template.SaveDraft([Field("x", FieldType.Text)], Now);

        template.DiscardDraft();

        template.Versions.ShouldBe([v1]);
        template.SaveDraft([Field("x", FieldType.Text)], Now).Number.ShouldBe(2);
    }

    [Fact]
    public void RefusesToDiscardWhenThereIsNoDraftAndLeavesThePublishedVersion()
    {
        var template = Repair();
        template.SaveDraft(EquipmentRepair(), Now);
        var v1 = template.Publish(Now);

        Should.Throw<DomainRuleException>(template.DiscardDraft).Code.ShouldBe("Form.NoDraftToDiscard");
        template.Versions.ShouldBe([v1]);
        v1.Status.ShouldBe(FormVersionStatus.Published);
    }

    [Fact]
    public void RefusesAVersionItDoesNotHave() =>
        Should.Throw<DomainRuleException>(() => Repair().Version(3)).Code.ShouldBe("Form.NoSuchVersion");

    [Fact]
    public void AHeadOfficeDraftHidesNothing() =>
        Should.Throw<DomainRuleException>(() => Repair().SaveDraft(EquipmentRepair(), Now, ["mobile"]))
            .Code.ShouldBe("Form.HiddenKeysOnHeadOffice");

    [Fact]
    public void TheSchemaSurvivesAJsonRoundTrip()
    {
        FormField[] fields =
        [
            .. EquipmentRepair(),
            Field("age", FieldType.Number) with
            {
                Min = 3, Max = 18, Default = 6,
                Condition = new(ConditionEffect.Require, ConditionRule.Any(
                    ConditionRule.Field("service_kind", ConditionOperator.In, "产品咨询", "售后服务"),
                    ConditionRule.Not(ConditionRule.Field("mobile", ConditionOperator.Empty)))),
            },
        ];

        var json = JsonSerializer.Serialize(fields);
        var back = JsonSerializer.Deserialize<FormField[]>(json)!;

        json.ShouldContain("\"kind\":\"any\"");
        json.ShouldContain("\"Operator\":\"In\"");
        FormSchemaCheck.Check(back).ShouldBeEmpty();
        JsonSerializer.Serialize(back).ShouldBe(json);
        var result = FormDefinition.Of(back).Validate(Values(("contact_name", "李雷"), ("mobile", "13812345678"), ("service_kind", "产品咨询")));
        result.IsRequired("age").ShouldBeTrue();
    }
}

public class RegionVariants
{
    private static (FormTemplate HeadOffice, FormVersion Published) HeadOffice()
    {
        var template = FormTemplate.CreateHeadOffice("equipment-repair", "设备报修", null, TicketType.Repair);
        template.SaveDraft(EquipmentRepair(), Now);
        return (template, template.Publish(Now));
    }

    [Fact]
    public void IsMadeForOneRegionWithTheHeadOfficeKey()
    {
        var (headOffice, _) = HeadOffice();

        var variant = FormTemplate.CreateVariant(headOffice, Regions.East);

        variant.Key.ShouldBe("equipment-repair");
        variant.Region.ShouldBe(Regions.East);
        variant.IsRegionVariant.ShouldBeTrue();
        variant.TicketType.ShouldBe(TicketType.Repair);
        Should.Throw<DomainRuleException>(() => FormTemplate.CreateVariant(variant, Regions.South)).Code.ShouldBe("Form.VariantOfVariant");
    }

    [Fact]
    public void AddsFieldsAfterTheHeadOfficeOnesAndHidesOthers()
    {
        var (headOffice, hq) = HeadOffice();
        var variant = FormTemplate.CreateVariant(headOffice, Regions.East);
        variant.SaveDraft([Field("east", FieldType.Section, "华东补充"), Field("store_code", FieldType.Text, "门店编号") with { Required = true }],
            Now, hiddenKeys: ["device_model", "signature"]);
        var published = variant.Publish(Now, hq);

        var form = FormDefinition.Compose(hq, published);

        form.Fields.Select(f => f.Key).ShouldBe(["contact_name", "mobile", "service_kind", "fault", "photos", "east", "store_code"]);
        var result = form.Validate(Values(("contact_name", "李雷"), ("mobile", "13812345678"), ("service_kind", "售后服务"), ("fault", "漏水"),
            ("device_model", "KFR-35GW")));
        result.Errors.Select(e => (e.FieldKey, e.Code)).ShouldBe(
            [("device_model", FormErrorCodes.UnknownField), ("store_code", FormErrorCodes.Required)]);
    }

    [Fact]
    public void HidingASectionHidesTheFieldsUnderIt()
    {
        var template = FormTemplate.CreateHeadOffice("installation", "安装服务", null, TicketType.Installation);
        template.SaveDraft(
        [
            Field("name", FieldType.Text),
            Field("invoice", FieldType.Section, "发票信息"), Field("tax_no", FieldType.Text), Field("title", FieldType.Text),
            Field("visit", FieldType.Section, "上门"), Field("visit_date", FieldType.Date),
        ], Now);
        var hq = template.Publish(Now);
        var variant = FormTemplate.CreateVariant(template, Regions.Southwest);
        variant.SaveDraft([], Now, ["invoice"]);

        FormDefinition.Compose(hq, variant.Publish(Now, hq)).Fields.Select(f => f.Key).ShouldBe(["name", "visit", "visit_date"]);
    }

    [Fact]
    public void AHeadOfficeConditionOnAHiddenFieldSeesItEmpty()
    {
        var (headOffice, hq) = HeadOffice();
        var variant = FormTemplate.CreateVariant(headOffice, Regions.North);
        variant.SaveDraft([], Now, ["service_kind"]);
        var form = FormDefinition.Compose(hq, variant.Publish(Now, hq));

        var result = form.Validate(Values(("contact_name", "李雷"), ("mobile", "13812345678")));

        result.IsValid.ShouldBeTrue();
        result.IsVisible("fault").ShouldBeFalse();
        result.IsVisible("device_model").ShouldBeFalse();
    }

    [Fact]
    public void RefusesToHideAFieldTheHeadOfficeHasNot()
    {
        var (headOffice, hq) = HeadOffice();
        var variant = FormTemplate.CreateVariant(headOffice, Regions.East);
        variant.SaveDraft([], Now, ["ghost"]);

        Should.Throw<FormSchemaException>(() => variant.Publish(Now, hq))
            .Problems.ShouldHaveSingleItem().Code.ShouldBe(SchemaProblemCodes.HiddenKeyUnknown);
    }

    [Fact]
    public void RefusesAFieldKeyTheHeadOfficeAlreadyUses()
    {
        var (headOffice, hq) = HeadOffice();
        var variant = FormTemplate.CreateVariant(headOffice, Regions.East);
        variant.SaveDraft([Field("mobile", FieldType.Text)], Now);

        Should.Throw<FormSchemaException>(() => variant.Publish(Now, hq))
            .Problems.ShouldHaveSingleItem().Code.ShouldBe(SchemaProblemCodes.VariantKeyClash);
    }

    [Fact]
    public void LetsARegionFieldDependOnAHeadOfficeField()
    {
        var (headOffice, hq) = HeadOffice();
        var variant = FormTemplate.CreateVariant(headOffice, Regions.East);
        variant.SaveDraft([Field("warranty_card", FieldType.Upload) with
        {
            Required = true,
            Condition = ShowWhen("service_kind", ConditionOperator.Equals, "售后服务"),
        }], Now);
        var form = FormDefinition.Compose(hq, variant.Publish(Now, hq));

        form.Validate(Values(("contact_name", "李雷"), ("mobile", "13812345678"), ("service_kind", "售后服务"), ("fault", "漏水")))
            .Errors.ShouldHaveSingleItem().FieldKey.ShouldBe("warranty_card");
    }

    [Fact]
    public void NeedsAPublishedHeadOfficeVersionToPublish()
    {
        var template = FormTemplate.CreateHeadOffice("equipment-repair", "设备报修", null, TicketType.Repair);
        var draft = template.SaveDraft(EquipmentRepair(), Now);
        var variant = FormTemplate.CreateVariant(template, Regions.East);
        variant.SaveDraft([], Now, ["signature"]);

        Should.Throw<DomainRuleException>(() => variant.Publish(Now)).Code.ShouldBe("Form.HeadOfficeNotPublished");
        Should.Throw<DomainRuleException>(() => variant.Publish(Now, draft)).Code.ShouldBe("Form.HeadOfficeNotPublished");
    }

    [Fact]
    public void KeepsTheHeadOfficeFieldWhenALaterHeadOfficeVersionTakesTheRegionsKey()
    {
        var (headOffice, hq1) = HeadOffice();
        var variant = FormTemplate.CreateVariant(headOffice, Regions.East);
        variant.SaveDraft([Field("store_code", FieldType.Text, "门店编号")], Now);
        var east = variant.Publish(Now, hq1);
        headOffice.SaveDraft([.. EquipmentRepair(), Field("store_code", FieldType.Number, "门店号")], Now);
        var hq2 = headOffice.Publish(Now);

        var form = FormDefinition.Compose(hq2, east);

        form.Find("store_code")!.Type.ShouldBe(FieldType.Number);
        form.Fields.Count(f => f.Key == "store_code").ShouldBe(1);
        FormSchemaCheck.CheckVariant(hq2, east.Fields, east.HiddenKeys).ShouldHaveSingleItem().Code.ShouldBe(SchemaProblemCodes.VariantKeyClash);
    }

    [Fact]
    public void ReusesTheComposedFormForTheSameHeadOfficeVersion()
    {
        var (headOffice, hq) = HeadOffice();
        var variant = FormTemplate.CreateVariant(headOffice, Regions.East);
        variant.SaveDraft([], Now, ["signature"]);
        var east = variant.Publish(Now, hq);

        FormDefinition.Compose(hq, east).ShouldBeSameAs(FormDefinition.Compose(hq, east));
        FormDefinition.Compose(hq, null).ShouldBeSameAs(hq.Definition);
    }
}
