using System.Collections.ObjectModel;
using System.Text.Json;
using Scrm.Domain.Common;
using Scrm.Domain.Forms;
using static Scrm.Tests.Domain.Forms.SampleForms;

namespace Scrm.Tests.Domain.Forms;

public class FormSubmission
{
    private static readonly FormDefinition Repair = FormDefinition.Of(EquipmentRepair());

    [Fact]
    public void CleansAValidRepairRequest()
    {
        var result = Repair.Validate(Values(
            ("contact_name", " 李雷 "), ("mobile", "138 1234 5678"), ("service_kind", "售后服务"), ("fault", "空调不制冷")));

        result.IsValid.ShouldBeTrue();
        result.Values.ShouldBe(new Dictionary<string, object>
        {
            ["contact_name"] = "李雷",
            ["mobile"] = "13812345678",
            ["service_kind"] = "售后服务",
            ["fault"] = "空调不制冷",
        }, ignoreOrder: true);
    }

    [Fact]
    public void ReportsEveryBadFieldInFormOrder()
    {
        var result = Repair.Validate(Values(("mobile", "12345"), ("service_kind", "售后服务")));

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => (e.FieldKey, e.Code)).ShouldBe(
        [
            ("contact_name", FormErrorCodes.Required),
            ("mobile", FormErrorCodes.PhoneInvalid),
            ("fault", FormErrorCodes.Required),
        ]);
        result.ErrorsFor("mobile").ShouldHaveSingleItem().Args.ShouldBe(["12345"]);
    }

    [Fact]
    public void RefusesKeysTheFormDoesNotHave()
    {
        var result = Repair.Validate(Values(
            ("contact_name", "李雷"), ("mobile", "13812345678"), ("service_kind", "产品咨询"), ("discount", "100")));

        var error = result.Errors.ShouldHaveSingleItem();
        error.FieldKey.ShouldBe("discount");
        error.Code.ShouldBe(FormErrorCodes.UnknownField);
        error.Args.ShouldBe(["discount"]);
        result.Values.ShouldNotContainKey("discount");
    }

    [Fact]
    public void AcceptsAnHtmlFormPostOfStringArrays()
    {
        var post = new Dictionary<string, object?>
        {
            ["contact_name"] = new[] { "韩梅梅" },
            ["mobile"] = new[] { "13912345678" },
            ["service_kind"] = new[] { "产品咨询" },
            ["device_model"] = new[] { "KFR-35GW" },
            ["fault"] = new[] { "" },
        };

        var result = Repair.Validate(post);

        result.IsValid.ShouldBeTrue();
        result.Values["device_model"].ShouldBe("KFR-35GW");
        result.Values.ShouldNotContainKey("fault");
    }

    [Fact]
    public void AcceptsAnyReadOnlyDictionary()
    {
        var submission = new ReadOnlyDictionary<string, object?>(Values(("contact_name", "李雷"), ("mobile", "13812345678"), ("service_kind", "产品咨询")));

        FormValidator.Validate(Repair, submission).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void AcceptsAJsonBody()
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(
            """{"contact_name":"李雷","mobile":"13812345678","service_kind":"售后服务","fault":"漏水","photos":[{"ref":"f/1.jpg","contentType":"image/jpeg","size":10}]}""")!;

        var result = Repair.Validate(body);

        result.IsValid.ShouldBeTrue();
        result.Values["photos"].ShouldBe(new[] { new StoredFile("f/1.jpg", "image/jpeg", 10) });
    }

    [Fact]
    public void ReadsStoredValuesBackAsTheSameTypedValues()
    {
        FormField[] fields =
        [
            Field("count", FieldType.Number), Field("price", FieldType.Money), Field("visit", FieldType.Date),
            Field("at", FieldType.DateTime), MultiSelect("slots", "周一", "周二"), Field("agree", FieldType.Checkbox),
            Field("site", FieldType.Address), Field("photos", FieldType.Upload), Field("sign", FieldType.Signature),
            Field("mobile", FieldType.Phone),
        ];
        var form = FormDefinition.Of(fields);
        var first = form.Validate(Values(
            ("count", "3"), ("price", "128.50"), ("visit", "2026-11-24"), ("at", "2026-11-24T14:30"), ("slots", new[] { "周二", "周一" }),
            ("agree", "on"), ("site", new AddressValue("南京西路", new(31.23, 121.47))),
            ("photos", new StoredFile("f/1.jpg", "image/jpeg", 10, "1.jpg")), ("sign", new StoredFile("f/s.png", "image/png", 10)),
            ("mobile", "+86 138 1234 5678")));
        first.IsValid.ShouldBeTrue();

        var stored = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(first.Values))!;
        var again = form.Validate(stored);

        again.Errors.ShouldBeEmpty();
        again.Values.Keys.ShouldBe(first.Values.Keys, ignoreOrder: true);
        foreach (var (key, value) in first.Values) again.Values[key].ShouldBe(value, key);
    }

    [Fact]
    public void EnsureValidThrowsEveryErrorAtOnce()
    {
        var refusal = Should.Throw<FormSubmissionException>(() => Repair.Validate(Values(("mobile", "1"))).EnsureValid());

        refusal.ShouldBeAssignableTo<DomainRuleException>().Code.ShouldBe("Form.Invalid");
        refusal.Errors.Select(e => e.FieldKey).ShouldBe(["contact_name", "mobile", "service_kind"]);
    }

    [Fact]
    public void EnsureValidReturnsTheValuesWhenValid() =>
        Repair.Validate(Values(("contact_name", "李雷"), ("mobile", "13812345678"), ("service_kind", "产品咨询")))
            .EnsureValid()["contact_name"].ShouldBe("李雷");

    [Fact]
    public void ValidatesAgainstAnExactVersion()
    {
        var template = FormTemplate.CreateHeadOffice("equipment-repair", "设备报修", "Equipment repair", Scrm.Domain.Tickets.TicketType.Repair);
        template.SaveDraft(EquipmentRepair(), Now);
        var v1 = template.Publish(Now);

        FormValidator.Validate(v1, Values(("contact_name", "李雷"))).Errors.Count.ShouldBe(2);
    }

    [Fact]
    public void KeepsAShownCheckboxAsFalse() =>
        Validate([Field("agree", FieldType.Checkbox)]).Values["agree"].ShouldBe(false);
}

public class RequiredToClose
{
    private static readonly FormDefinition Repair = FormDefinition.Of(EquipmentRepair());

    [Fact]
    public void NamesTheEmptyRequiredToCloseFields()
    {
        var missing = FormValidator.MissingToClose(Repair, Values(("service_kind", "售后服务"), ("fault", "漏水")));

        missing.Select(e => e.FieldKey).ShouldBe(["photos", "signature"]);
        missing[0].Code.ShouldBe(FormErrorCodes.RequiredToClose);
        missing[0].Message.ShouldBe("现场照片 must be filled in before the ticket is resolved or closed.");
    }

    [Fact]
    public void IsSatisfiedWhenTheyAreFilledIn() =>
        FormValidator.MissingToClose(Repair, Values(
            ("photos", new[] { new StoredFile("f/1.jpg", "image/jpeg", 10) }),
            ("signature", "data:image/png;base64,iVBORw0KGgo="))).ShouldBeEmpty();

    [Fact]
    public void ReadsStoredJson()
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, object?>>(
            """{"photos":[{"Ref":"f/1.jpg","ContentType":"image/jpeg","Size":10,"FileName":null}]}""")!;

        FormValidator.MissingToClose(Repair, stored).Select(e => e.FieldKey).ShouldBe(["signature"]);
    }

    [Fact]
    public void IgnoresAHiddenRequiredToCloseField()
    {
        FormField[] fields =
        [
            Select("kind", "上门", "寄修"),
            Field("arrival_photo", FieldType.Upload) with
            {
                RequiredToClose = true,
                Condition = ShowWhen("kind", ConditionOperator.Equals, "上门"),
            },
        ];

        FormValidator.MissingToClose(FormDefinition.Of(fields), Values(("kind", "寄修"))).ShouldBeEmpty();
        FormValidator.MissingToClose(FormDefinition.Of(fields), Values(("kind", "上门"))).ShouldHaveSingleItem().FieldKey.ShouldBe("arrival_photo");
    }

    [Fact]
    public void TreatsAnUncheckedRequiredToCloseBoxAsEmpty()
    {
        var form = FormDefinition.Of([Field("confirmed", FieldType.Checkbox, "客户确认") with { RequiredToClose = true }]);

        FormValidator.MissingToClose(form, Values(("confirmed", false))).ShouldHaveSingleItem();
        FormValidator.MissingToClose(form, Values(("confirmed", true))).ShouldBeEmpty();
    }
}
