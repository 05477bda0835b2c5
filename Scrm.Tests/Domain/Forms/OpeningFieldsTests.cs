using Scrm.Domain.Forms;
using static Scrm.Tests.Domain.Forms.SampleForms;

namespace Scrm.Tests.Domain.Forms;

/// <summary>What a form asks when a ticket is opened (intake, create dialog): the completion fields wait for the site visit.</summary>
public sealed class OpeningFieldsTests
{
    [Fact]
    public void CompletionFieldsAndTheSectionThatHoldsOnlyThemAreLeftOut()
    {
        var form = FormDefinition.Of(
        [
            Field("caller", FieldType.Section),
            Field("name", FieldType.Text) with { Required = true },
            Field("fault", FieldType.MultiLineText),
            Field("completion", FieldType.Section),
            Field("parts", FieldType.MultiLineText) with { RequiredToClose = true },
            Field("signature", FieldType.Signature) with { RequiredToClose = true },
            Field("extra", FieldType.Section),
            Field("serial", FieldType.Text) with { Required = true, RequiredToClose = true },
        ]);

        form.OpeningFields.Select(f => f.Key).ShouldBe(["caller", "name", "fault", "extra", "serial"]);
    }
}
