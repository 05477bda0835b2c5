using Scrm.App.Features.Forms.Designer;
using Scrm.Domain.Forms;
using static Scrm.Tests.Domain.Forms.SampleForms;

namespace Scrm.Tests.Domain.Forms;

/// <summary>The designer's "compare two versions": what changed field by field, matched by key.</summary>
public class FormVersionDiffs
{
    [Fact]
    public void TheSameFieldsHaveNoDifferences() =>
        FormVersionDiff.Between(EquipmentRepair(), EquipmentRepair()).ShouldBeEmpty();

    [Fact]
    public void NamesAddedRemovedAndChangedFieldsWithWhatChanged()
    {
        var before = EquipmentRepair();
        var after = before
            .Where(f => f.Key != "signature")
            .Select(f => f.Key switch
            {
                "mobile" => f with { LabelZh = "联系电话", Required = false },
                "device_model" => f with { Condition = ShowWhen("service_kind", ConditionOperator.Equals, "售后服务") },
                _ => f,
            })
            .Append(Field("order_no", FieldType.Text, "订单号"))
            .ToArray();

        var differences = FormVersionDiff.Between(before, after);

        differences.ShouldBe(
        [
            new FieldDifference("mobile", FieldChange.Changed, ["LabelZh", "Required"]),
            new FieldDifference("device_model", FieldChange.Changed, ["Condition"]),
            new FieldDifference("order_no", FieldChange.Added, []),
            new FieldDifference("signature", FieldChange.Removed, []),
        ], new DifferenceComparer());
    }

    [Fact]
    public void AMovedFieldHasChangedItsPosition()
    {
        var before = EquipmentRepair();
        FormField[] after = [before[1], before[0], .. before[2..]];

        FormVersionDiff.Between(before, after).Select(d => (d.Key, string.Join(",", d.Properties)))
            .ShouldBe([("contact_name", "Position"), ("mobile", "Position")], ignoreOrder: true);
    }

    [Fact]
    public void ARegionVariantHidingAHeadOfficeFieldChangesThatField() =>
        FormVersionDiff.Between(EquipmentRepair(), EquipmentRepair(), hiddenBefore: [], hiddenAfter: ["photos"])
            .ShouldHaveSingleItem().ShouldSatisfyAllConditions(
                d => d.Key.ShouldBe("photos"), d => d.Change.ShouldBe(FieldChange.Changed), d => d.Properties.ShouldBe(["Hidden"]));

    private sealed class DifferenceComparer : IEqualityComparer<FieldDifference>
    {
        public bool Equals(FieldDifference? x, FieldDifference? y) =>
            x!.Key == y!.Key && x.Change == y.Change && x.Properties.SequenceEqual(y.Properties);

        public int GetHashCode(FieldDifference obj) => obj.Key.GetHashCode();
    }
}
