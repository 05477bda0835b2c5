using Scrm.Domain.Forms;
using static Scrm.Tests.Domain.Forms.SampleForms;

namespace Scrm.Tests.Domain.Forms;

public class ConditionOperators
{
    private static readonly FormField Kind = Select("kind", "产品咨询", "售后服务", "投诉");
    private static readonly FormField Slots = MultiSelect("slots", "周一", "周二", "周三");
    private static readonly FormField Age = Field("age", FieldType.Number);
    private static readonly FormField Budget = Field("budget", FieldType.Money);
    private static readonly FormField Visit = Field("visit", FieldType.Date);
    private static readonly FormField At = Field("at", FieldType.DateTime);
    private static readonly FormField Note = Field("note", FieldType.Text);
    private static readonly FormField Agree = Field("agree", FieldType.Checkbox);

    /// <summary>Whether a field shown by "source op operands" is shown when source is <paramref name="value"/>.</summary>
    private static bool Shows(FormField source, object? value, ConditionOperator op, params string[] operands)
    {
        var target = Field("target", FieldType.Text) with { Condition = ShowWhen(source.Key, op, operands) };
        return Validate([source, target], (source.Key, value)).IsVisible("target");
    }

    [Theory]
    [InlineData("售后服务", true)]
    [InlineData("产品咨询", false)]
    [InlineData(null, false)]
    public void EqualsHoldsForTheSameValue(string? value, bool shown) =>
        Shows(Kind, value, ConditionOperator.Equals, "售后服务").ShouldBe(shown);

    [Theory]
    [InlineData("售后服务", false)]
    [InlineData("产品咨询", true)]
    [InlineData(null, true)]
    public void NotEqualsHoldsForAnyOtherValueOrNone(string? value, bool shown) =>
        Shows(Kind, value, ConditionOperator.NotEquals, "售后服务").ShouldBe(shown);

    [Fact]
    public void EqualsComparesNumbersByValue() => Shows(Age, "10", ConditionOperator.Equals, "10.0").ShouldBeTrue();

    [Fact]
    public void EqualsComparesAnUncheckedBoxWithFalse()
    {
        Shows(Agree, null, ConditionOperator.Equals, "false").ShouldBeTrue();
        Shows(Agree, "on", ConditionOperator.Equals, "false").ShouldBeFalse();
    }

    [Fact]
    public void EqualsOnAMultiSelectMeansExactlyThoseChoices()
    {
        Shows(Slots, new[] { "周二", "周一" }, ConditionOperator.Equals, "周一", "周二").ShouldBeTrue();
        Shows(Slots, new[] { "周一" }, ConditionOperator.Equals, "周一", "周二").ShouldBeFalse();
    }

    [Theory]
    [InlineData("产品咨询", true)]
    [InlineData("投诉", true)]
    [InlineData("售后服务", false)]
    [InlineData(null, false)]
    public void InHoldsForAnyListedValue(string? value, bool shown) =>
        Shows(Kind, value, ConditionOperator.In, "产品咨询", "投诉").ShouldBe(shown);

    [Theory]
    [InlineData("产品咨询", false)]
    [InlineData("售后服务", true)]
    [InlineData(null, true)]
    public void NotInHoldsForAnUnlistedValueOrNone(string? value, bool shown) =>
        Shows(Kind, value, ConditionOperator.NotIn, "产品咨询", "投诉").ShouldBe(shown);

    [Fact]
    public void InOnAMultiSelectHoldsWhenAnyChoiceIsListed()
    {
        Shows(Slots, new[] { "周一", "周三" }, ConditionOperator.In, "周三").ShouldBeTrue();
        Shows(Slots, new[] { "周一" }, ConditionOperator.In, "周二", "周三").ShouldBeFalse();
        Shows(Slots, new[] { "周一" }, ConditionOperator.NotIn, "周二", "周三").ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("  ", true)]
    [InlineData("有异响", false)]
    public void EmptyHoldsForABlankValue(string? value, bool shown) =>
        Shows(Note, value, ConditionOperator.Empty).ShouldBe(shown);

    [Theory]
    [InlineData(null, false)]
    [InlineData("有异响", true)]
    public void NotEmptyHoldsForAFilledValue(string? value, bool shown) =>
        Shows(Note, value, ConditionOperator.NotEmpty).ShouldBe(shown);

    [Fact]
    public void AnUncheckedBoxAndAnEmptyChoiceCountAsEmpty()
    {
        Shows(Agree, "false", ConditionOperator.Empty).ShouldBeTrue();
        Shows(Agree, "on", ConditionOperator.NotEmpty).ShouldBeTrue();
        Shows(Slots, Array.Empty<string>(), ConditionOperator.Empty).ShouldBeTrue();
    }

    [Theory]
    [InlineData("19", ConditionOperator.GreaterThan, true)]
    [InlineData("18", ConditionOperator.GreaterThan, false)]
    [InlineData("18", ConditionOperator.GreaterOrEqual, true)]
    [InlineData("17", ConditionOperator.GreaterOrEqual, false)]
    [InlineData("17", ConditionOperator.LessThan, true)]
    [InlineData("18", ConditionOperator.LessThan, false)]
    [InlineData("18", ConditionOperator.LessOrEqual, true)]
    [InlineData("19", ConditionOperator.LessOrEqual, false)]
    [InlineData(null, ConditionOperator.LessThan, false)]
    [InlineData(null, ConditionOperator.GreaterOrEqual, false)]
    public void ComparisonsOrderNumbers(string? value, ConditionOperator op, bool shown) =>
        Shows(Age, value, op, "18").ShouldBe(shown);

    [Fact]
    public void ComparesMoneyWithAnOperandInYuan()
    {
        // "repair > ¥3000 → gold service channel"
        Shows(Budget, "3000.01", ConditionOperator.GreaterThan, "3000").ShouldBeTrue();
        Shows(Budget, 300000L, ConditionOperator.GreaterThan, "3000").ShouldBeFalse();
    }

    [Fact]
    public void ComparesDatesAndTimes()
    {
        Shows(Visit, "2026-12-01", ConditionOperator.GreaterThan, "2026-11-30").ShouldBeTrue();
        Shows(Visit, "2026-11-30", ConditionOperator.LessOrEqual, "2026-11-30").ShouldBeTrue();
        Shows(At, "2026-11-24T18:00", ConditionOperator.GreaterOrEqual, "2026-11-24T18:00").ShouldBeTrue();
        Shows(At, "2026-11-24T17:59", ConditionOperator.GreaterOrEqual, "2026-11-24 18:00").ShouldBeFalse();
    }

    [Fact]
    public void ContainsOnAMultiSelectNeedsEveryValueChosen()
    {
        Shows(Slots, new[] { "周一", "周三" }, ConditionOperator.Contains, "周三").ShouldBeTrue();
        Shows(Slots, new[] { "周一", "周三" }, ConditionOperator.Contains, "周一", "周三").ShouldBeTrue();
        Shows(Slots, new[] { "周一" }, ConditionOperator.Contains, "周一", "周三").ShouldBeFalse();
        Shows(Slots, null, ConditionOperator.Contains, "周一").ShouldBeFalse();
    }

    [Fact]
    public void ContainsOnTextLooksForThePart()
    {
        Shows(Note, "机器漏水了", ConditionOperator.Contains, "漏水").ShouldBeTrue();
        Shows(Note, "机器异响", ConditionOperator.Contains, "漏水").ShouldBeFalse();
    }
}

public class ConditionGroups
{
    private static readonly FormField Kind = Select("kind", "产品咨询", "售后服务");
    private static readonly FormField Age = Field("age", FieldType.Number);
    private static readonly FormField Vip = Field("vip", FieldType.Checkbox);

    private static bool Shows(ConditionRule rule, string? kind, string? age, string? vip)
    {
        var target = Field("target", FieldType.Text) with { Condition = new(ConditionEffect.Show, rule) };
        return Validate([Kind, Age, Vip, target], ("kind", kind), ("age", age), ("vip", vip)).IsVisible("target");
    }

    [Theory]
    [InlineData("售后服务", "20", true)]
    [InlineData("售后服务", "10", false)]
    [InlineData("产品咨询", "20", false)]
    public void AllNeedsEveryRule(string kind, string age, bool shown) =>
        Shows(ConditionRule.All(
            ConditionRule.Field("kind", ConditionOperator.Equals, "售后服务"),
            ConditionRule.Field("age", ConditionOperator.GreaterThan, "18")), kind, age, null).ShouldBe(shown);

    [Theory]
    [InlineData("售后服务", "10", true)]
    [InlineData("产品咨询", "20", true)]
    [InlineData("产品咨询", "10", false)]
    public void AnyNeedsOneRule(string kind, string age, bool shown) =>
        Shows(ConditionRule.Any(
            ConditionRule.Field("kind", ConditionOperator.Equals, "售后服务"),
            ConditionRule.Field("age", ConditionOperator.GreaterThan, "18")), kind, age, null).ShouldBe(shown);

    [Theory]
    [InlineData("售后服务", true)]
    [InlineData("产品咨询", false)]
    public void NotInvertsItsRule(string kind, bool shown) =>
        Shows(ConditionRule.Not(ConditionRule.Field("kind", ConditionOperator.Equals, "产品咨询")), kind, null, null).ShouldBe(shown);

    //   Any
    //   ├── All
    //   │   ├── kind = 售后服务
    //   │   └── Not(age < 18)
    //   └── vip checked
    [Theory]
    [InlineData("售后服务", "18", null, true)]
    [InlineData("售后服务", "17", null, false)]
    [InlineData("产品咨询", "30", null, false)]
    [InlineData("产品咨询", null, "on", true)]
    [InlineData("售后服务", "17", "on", true)]
    public void GroupsNest(string kind, string? age, string? vip, bool shown) =>
        Shows(ConditionRule.Any(
            ConditionRule.All(
                ConditionRule.Field("kind", ConditionOperator.Equals, "售后服务"),
                ConditionRule.Not(ConditionRule.Field("age", ConditionOperator.LessThan, "18"))),
            ConditionRule.Field("vip", ConditionOperator.NotEmpty)), kind, age, vip).ShouldBe(shown);
}

public class ConditionEffects
{
    private static readonly FormField Kind = Select("kind", "产品咨询", "售后服务");

    [Fact]
    public void AHiddenRequiredFieldIsIgnored()
    {
        var fault = Field("fault", FieldType.MultiLineText) with
        {
            Required = true,
            Condition = ShowWhen("kind", ConditionOperator.Equals, "售后服务"),
        };

        var result = Validate([Kind, fault], ("kind", "产品咨询"));

        result.IsValid.ShouldBeTrue();
        result.IsVisible("fault").ShouldBeFalse();
        result.IsRequired("fault").ShouldBeFalse();
    }

    [Fact]
    public void AShownRequiredFieldIsEnforced()
    {
        var fault = Field("fault", FieldType.MultiLineText) with
        {
            Required = true,
            Condition = ShowWhen("kind", ConditionOperator.Equals, "售后服务"),
        };

        var error = Validate([Kind, fault], ("kind", "售后服务")).Errors.ShouldHaveSingleItem();

        error.FieldKey.ShouldBe("fault");
        error.Code.ShouldBe(FormErrorCodes.Required);
    }

    [Fact]
    public void AHiddenFieldsSubmittedValueIsDroppedWithoutAnError()
    {
        var age = Field("age", FieldType.Number) with { Condition = ShowWhen("kind", ConditionOperator.Equals, "售后服务") };

        var result = Validate([Kind, age], ("kind", "产品咨询"), ("age", "not a number"));

        result.IsValid.ShouldBeTrue();
        result.Values.ShouldNotContainKey("age");
    }

    [Fact]
    public void HideHidesWhileTheRuleHolds()
    {
        var model = Field("model", FieldType.DeviceModel) with
        {
            Condition = new(ConditionEffect.Hide, ConditionRule.Field("kind", ConditionOperator.Equals, "售后服务")),
        };

        Validate([Kind, model], ("kind", "售后服务"), ("model", "KFR-35GW")).Values.ShouldNotContainKey("model");
        Validate([Kind, model], ("kind", "产品咨询"), ("model", "KFR-35GW")).Values["model"].ShouldBe("KFR-35GW");
    }

    [Fact]
    public void RequireMakesAShownFieldRequiredWhileTheRuleHolds()
    {
        var model = Field("model", FieldType.DeviceModel) with
        {
            Condition = new(ConditionEffect.Require, ConditionRule.Field("kind", ConditionOperator.Equals, "产品咨询")),
        };

        var required = Validate([Kind, model], ("kind", "产品咨询"));
        required.Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.Required);
        required.IsRequired("model").ShouldBeTrue();
        var optional = Validate([Kind, model], ("kind", "售后服务"));
        optional.IsValid.ShouldBeTrue();
        optional.IsVisible("model").ShouldBeTrue();
        optional.IsRequired("model").ShouldBeFalse();
    }

    [Fact]
    public void AConditionOnAHiddenFieldSeesItEmpty()
    {
        // kind → detail (shown for 售后服务) → urgent (shown while detail is filled in)
        var detail = Field("detail", FieldType.Text) with { Condition = ShowWhen("kind", ConditionOperator.Equals, "售后服务") };
        var urgent = Field("urgent", FieldType.Checkbox) with { Condition = ShowWhen("detail", ConditionOperator.NotEmpty) };

        var hidden = Validate([Kind, detail, urgent], ("kind", "产品咨询"), ("detail", "tampered"), ("urgent", "on"));
        hidden.IsVisible("urgent").ShouldBeFalse();
        hidden.Values.Keys.ShouldBe(["kind"]);
        Validate([Kind, detail, urgent], ("kind", "售后服务"), ("detail", "漏水"), ("urgent", "on")).Values["urgent"].ShouldBe(true);
    }

    [Fact]
    public void AConditionOnAFieldThatFailedSeesItEmpty()
    {
        var age = Field("age", FieldType.Number);
        var guardian = Field("guardian", FieldType.Text) with { Condition = ShowWhen("age", ConditionOperator.LessThan, "18") };

        var result = Validate([age, guardian], ("age", "十岁"), ("guardian", "王女士"));

        result.Errors.ShouldHaveSingleItem().FieldKey.ShouldBe("age");
        result.IsVisible("guardian").ShouldBeFalse();
    }

    [Fact]
    public void AHiddenSectionHidesItsFieldsUntilTheNextSection()
    {
        FormField[] fields =
        [
            Kind,
            Field("repair", FieldType.Section, "维修信息") with { Condition = ShowWhen("kind", ConditionOperator.Equals, "售后服务") },
            Field("fault", FieldType.Text) with { Required = true },
            Field("photos", FieldType.Upload),
            Field("contact", FieldType.Section, "联系方式"),
            Field("mobile", FieldType.Phone) with { Required = true },
        ];

        var result = Validate(fields, ("kind", "产品咨询"), ("photos", "tampered"));

        result.Errors.ShouldHaveSingleItem().FieldKey.ShouldBe("mobile");
        result.IsVisible("repair").ShouldBeFalse();
        result.IsVisible("fault").ShouldBeFalse();
        result.IsVisible("mobile").ShouldBeTrue();
        Validate(fields, ("kind", "售后服务")).Errors.Select(e => e.FieldKey).ShouldBe(["fault", "mobile"]);
    }

    [Fact]
    public void AConditionalFieldInAShownSectionKeepsItsOwnCondition()
    {
        FormField[] fields =
        [
            Kind,
            Field("repair", FieldType.Section, "维修信息"),
            Field("fault", FieldType.Text) with { Condition = ShowWhen("kind", ConditionOperator.Equals, "售后服务") },
        ];

        Validate(fields, ("kind", "产品咨询")).IsVisible("fault").ShouldBeFalse();
        Validate(fields, ("kind", "售后服务")).IsVisible("fault").ShouldBeTrue();
    }
}
