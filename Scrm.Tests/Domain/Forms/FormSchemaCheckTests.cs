using Scrm.Domain.Forms;
using static Scrm.Tests.Domain.Forms.SampleForms;

namespace Scrm.Tests.Domain.Forms;

public class FormSchemaProblems
{
    private static readonly FormField Kind = Select("kind", "产品咨询", "售后服务");

    private static SchemaProblem SingleProblem(params FormField[] fields) => FormSchemaCheck.Check(fields).ShouldHaveSingleItem();

    [Fact]
    public void TheSampleRepairFormHasNone() => FormSchemaCheck.Check(EquipmentRepair()).ShouldBeEmpty();

    [Fact]
    public void RefusesAFormWithoutFieldsToFillIn()
    {
        FormSchemaCheck.Check([]).ShouldHaveSingleItem().Code.ShouldBe(SchemaProblemCodes.NoFields);
        SingleProblem(Field("only", FieldType.Section)).Code.ShouldBe(SchemaProblemCodes.NoFields);
    }

    [Fact]
    public void RefusesTooManyFields() =>
        FormSchemaCheck.Check(Enumerable.Range(0, FormSchemaCheck.MaxFields + 1).Select(i => Field($"f{i}", FieldType.Text)).ToArray())
            .ShouldHaveSingleItem().Code.ShouldBe(SchemaProblemCodes.TooManyFields);

    [Theory]
    [InlineData("Name")]
    [InlineData("1st")]
    [InlineData("contact-name")]
    [InlineData("联系人")]
    [InlineData("")]
    [InlineData("a_key_that_is_much_longer_than_forty_chars")]
    public void RefusesAKeyThatIsNotALowerCaseIdentifier(string key)
    {
        var problem = SingleProblem(Field(key, FieldType.Text));

        problem.Code.ShouldBe(SchemaProblemCodes.BadKey);
        problem.Args.ShouldBe([key]);
    }

    [Fact]
    public void RefusesDuplicateKeys()
    {
        var problem = SingleProblem(Field("name", FieldType.Text), Field("name", FieldType.Number));

        problem.Code.ShouldBe(SchemaProblemCodes.DuplicateKey);
        problem.FieldKey.ShouldBe("name");
    }

    [Fact]
    public void RefusesAFieldWithoutAChineseLabel() =>
        SingleProblem(Field("name", FieldType.Text, " ")).Code.ShouldBe(SchemaProblemCodes.MissingLabel);

    [Fact]
    public void RefusesASelectWithoutOptions() =>
        SingleProblem(Field("kind", FieldType.SingleSelect)).Code.ShouldBe(SchemaProblemCodes.NoOptions);

    [Fact]
    public void RefusesDuplicateAndBlankOptions()
    {
        SingleProblem(MultiSelect("slots", "周一", "周一")).Code.ShouldBe(SchemaProblemCodes.DuplicateOption);
        SingleProblem(Select("kind", "a", " ")).Code.ShouldBe(SchemaProblemCodes.BadOption);
    }

    [Fact]
    public void RefusesAMinimumAboveTheMaximum()
    {
        SingleProblem(Field("age", FieldType.Number) with { Min = 10, Max = 5 }).Code.ShouldBe(SchemaProblemCodes.MinAboveMax);
        SingleProblem(Field("visit", FieldType.Date) with { MinDate = new(2026, 12, 1), MaxDate = new(2026, 11, 1) })
            .Code.ShouldBe(SchemaProblemCodes.MinAboveMax);
        SingleProblem(Field("name", FieldType.Text) with { MinLength = 10, MaxLength = 5 }).Code.ShouldBe(SchemaProblemCodes.MinAboveMax);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(null, 0)]
    [InlineData(null, FormField.TextLengthLimit + 1)]
    public void RefusesLengthsOutsideTheLimits(int? min, int? max) =>
        SingleProblem(Field("name", FieldType.Text) with { MinLength = min, MaxLength = max }).Code.ShouldBe(SchemaProblemCodes.BadLength);

    [Theory]
    [InlineData("[a-")]
    [InlineData("(?<open")]
    [InlineData(@"\")]
    public void RefusesAnInvalidRegex(string pattern)
    {
        var problem = SingleProblem(Field("order_no", FieldType.Text) with { Pattern = pattern });

        problem.Code.ShouldBe(SchemaProblemCodes.BadPattern);
        problem.Args.ShouldBe([pattern]);
    }

    [Fact]
    public void RefusesAnOverlongRegex() =>
        SingleProblem(Field("order_no", FieldType.Text) with { Pattern = new string('a', FormField.PatternMaxLength + 1) })
            .Code.ShouldBe(SchemaProblemCodes.BadPattern);

    [Fact]
    public void RefusesBadFileLimits()
    {
        SingleProblem(Field("photos", FieldType.Upload) with { MaxFileBytes = 0 }).Code.ShouldBe(SchemaProblemCodes.BadFileLimit);
        SingleProblem(Field("photos", FieldType.Upload) with { AllowedContentTypes = ["jpg"] }).Code.ShouldBe(SchemaProblemCodes.BadFileLimit);
    }

    [Theory]
    [InlineData(FieldType.Number, "abc")]
    [InlineData(FieldType.Number, "100")]
    [InlineData(FieldType.Phone, "12345")]
    [InlineData(FieldType.Text, "toolongtext")]
    public void RefusesADefaultThatFailsItsOwnRules(FieldType type, string value) =>
        SingleProblem(Field("f", type) with { Default = value, MaxLength = 5, Max = 10 }).Code.ShouldBe(SchemaProblemCodes.BadDefault);

    [Fact]
    public void RefusesADefaultThatIsNotAnOption()
    {
        var problem = SingleProblem(Kind with { Default = "投诉" });

        problem.Code.ShouldBe(SchemaProblemCodes.BadDefault);
        problem.Args.ShouldBe([FormErrorCodes.NotAnOption]);
    }

    [Fact]
    public void AcceptsAGoodDefault() =>
        FormSchemaCheck.Check([Kind with { Default = "售后服务" }, Field("n", FieldType.Number) with { Default = 3, Max = 5 }]).ShouldBeEmpty();

    [Fact]
    public void RefusesADefaultForAFile() =>
        SingleProblem(Field("photos", FieldType.Upload) with { Default = "x" }).Code.ShouldBe(SchemaProblemCodes.DefaultNotAllowed);

    [Fact]
    public void RefusesAConditionOnAMissingField()
    {
        var problem = SingleProblem(Field("fault", FieldType.Text) with { Condition = ShowWhen("kind", ConditionOperator.NotEmpty) });

        problem.Code.ShouldBe(SchemaProblemCodes.ConditionUnknownField);
        problem.FieldKey.ShouldBe("fault");
        problem.Args.ShouldBe(["kind"]);
    }

    [Fact]
    public void RefusesAConditionOnASection() =>
        SingleProblem(Field("customer", FieldType.Section), Field("name", FieldType.Text) with { Condition = ShowWhen("customer", ConditionOperator.NotEmpty) })
            .Code.ShouldBe(SchemaProblemCodes.ConditionOnSection);

    [Fact]
    public void RefusesAConditionOnALaterField() =>
        SingleProblem(Field("fault", FieldType.Text) with { Condition = ShowWhen("kind", ConditionOperator.Equals, "售后服务") }, Kind)
            .Code.ShouldBe(SchemaProblemCodes.ConditionForwardReference);

    [Fact]
    public void RefusesAConditionOnItself() =>
        SingleProblem(Field("fault", FieldType.Text) with { Condition = ShowWhen("fault", ConditionOperator.NotEmpty) })
            .Code.ShouldBe(SchemaProblemCodes.ConditionForwardReference);

    [Fact]
    public void RefusesCircularConditions()
    {
        // a shows when b is filled in, b shows when a is filled in: one of the two must look forward.
        var problems = FormSchemaCheck.Check(
        [
            Field("a", FieldType.Text) with { Condition = ShowWhen("b", ConditionOperator.NotEmpty) },
            Field("b", FieldType.Text) with { Condition = ShowWhen("a", ConditionOperator.NotEmpty) },
        ]);

        problems.ShouldHaveSingleItem().Code.ShouldBe(SchemaProblemCodes.ConditionForwardReference);
    }

    [Fact]
    public void FindsAForwardReferenceInsideANestedGroup()
    {
        var rule = ConditionRule.All(ConditionRule.Field("kind", ConditionOperator.NotEmpty),
            ConditionRule.Not(ConditionRule.Any(ConditionRule.Field("later", ConditionOperator.Empty))));

        SingleProblem(Kind, Field("x", FieldType.Text) with { Condition = new(ConditionEffect.Show, rule) }, Field("later", FieldType.Text))
            .Code.ShouldBe(SchemaProblemCodes.ConditionForwardReference);
    }

    [Fact]
    public void RefusesAnEmptyGroup() =>
        SingleProblem(Kind, Field("x", FieldType.Text) with { Condition = new(ConditionEffect.Show, ConditionRule.Any()) })
            .Code.ShouldBe(SchemaProblemCodes.EmptyGroup);

    [Fact]
    public void RefusesConditionsNestedTooDeep()
    {
        ConditionRule rule = ConditionRule.Field("kind", ConditionOperator.NotEmpty);
        for (var i = 0; i < FormSchemaCheck.MaxConditionDepth; i++) rule = ConditionRule.Not(rule);

        SingleProblem(Kind, Field("x", FieldType.Text) with { Condition = new(ConditionEffect.Show, rule) })
            .Code.ShouldBe(SchemaProblemCodes.ConditionTooDeep);
    }

    [Theory]
    [InlineData(FieldType.Text, ConditionOperator.GreaterThan)]
    [InlineData(FieldType.Checkbox, ConditionOperator.LessThan)]
    [InlineData(FieldType.Upload, ConditionOperator.Equals)]
    [InlineData(FieldType.Address, ConditionOperator.In)]
    [InlineData(FieldType.Number, ConditionOperator.Contains)]
    public void RefusesAnOperatorTheFieldTypeHasNot(FieldType type, ConditionOperator op) =>
        SingleProblem(Field("source", type), Field("x", FieldType.Text) with { Condition = ShowWhen("source", op, "1") })
            .Code.ShouldBe(SchemaProblemCodes.OperatorNotApplicable);

    [Theory]
    [InlineData(ConditionOperator.Equals)]
    [InlineData(ConditionOperator.GreaterThan)]
    [InlineData(ConditionOperator.In)]
    public void RefusesAnOperatorWithoutItsValue(ConditionOperator op) =>
        SingleProblem(Field("age", FieldType.Number), Field("x", FieldType.Text) with { Condition = ShowWhen("age", op) })
            .Code.ShouldBe(SchemaProblemCodes.BadOperand);

    [Fact]
    public void RefusesTwoValuesForAComparison() =>
        SingleProblem(Field("age", FieldType.Number), Field("x", FieldType.Text) with { Condition = ShowWhen("age", ConditionOperator.LessThan, "1", "2") })
            .Code.ShouldBe(SchemaProblemCodes.BadOperand);

    [Fact]
    public void RefusesAValueForEmpty() =>
        SingleProblem(Kind, Field("x", FieldType.Text) with { Condition = ShowWhen("kind", ConditionOperator.Empty, "产品咨询") })
            .Code.ShouldBe(SchemaProblemCodes.BadOperand);

    [Theory]
    [InlineData(FieldType.Number, "十八")]
    [InlineData(FieldType.Money, "1.001")]
    [InlineData(FieldType.Date, "下周一")]
    [InlineData(FieldType.Checkbox, "maybe")]
    public void RefusesAValueOfTheWrongType(FieldType type, string value) =>
        SingleProblem(Field("source", type), Field("x", FieldType.Text) with { Condition = ShowWhen("source", ConditionOperator.Equals, value) })
            .Code.ShouldBe(SchemaProblemCodes.BadOperand);

    [Fact]
    public void RefusesAValueThatIsNotAnOptionOfTheSelect()
    {
        var problem = SingleProblem(Kind, Field("x", FieldType.Text) with { Condition = ShowWhen("kind", ConditionOperator.In, "售后服务", "投诉") });

        problem.Code.ShouldBe(SchemaProblemCodes.BadOperand);
        problem.Args.ShouldBe(["投诉"]);
    }

    [Fact]
    public void RefusesARequireConditionOnASection() =>
        SingleProblem(Kind, Field("repair", FieldType.Section) with
        {
            Condition = new(ConditionEffect.Require, ConditionRule.Field("kind", ConditionOperator.NotEmpty)),
        }, Field("fault", FieldType.Text)).Code.ShouldBe(SchemaProblemCodes.SectionCannotBeRequired);

    [Fact]
    public void ListsEveryProblemAtOnce() =>
        FormSchemaCheck.Check(
        [
            Field("Bad", FieldType.Text),
            Field("kind", FieldType.SingleSelect),
            Field("age", FieldType.Number) with { Min = 5, Max = 1, Condition = ShowWhen("ghost", ConditionOperator.NotEmpty) },
        ]).Select(p => p.Code).ShouldBe(
        [
            SchemaProblemCodes.BadKey, SchemaProblemCodes.NoOptions, SchemaProblemCodes.MinAboveMax, SchemaProblemCodes.ConditionUnknownField,
        ]);
}
