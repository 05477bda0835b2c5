using System.Text.Json;
using Scrm.Domain.Forms;
using Scrm.Domain.Geo;
using static Scrm.Tests.Domain.Forms.SampleForms;

namespace Scrm.Tests.Domain.Forms;

public class TextFields
{
    [Fact]
    public void KeepsTheTrimmedText()
    {
        var result = Validate(Field("title", FieldType.Text), "  空调不制冷  ");

        result.IsValid.ShouldBeTrue();
        result.Values["title"].ShouldBe("空调不制冷");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void LeavesABlankOptionalTextOut(string? value)
    {
        var result = Validate(Field("title", FieldType.Text), value);

        result.IsValid.ShouldBeTrue();
        result.Values.ShouldNotContainKey("title");
    }

    [Fact]
    public void RefusesTextLongerThanItsMaximum()
    {
        var error = Validate(Field("title", FieldType.Text) with { MaxLength = 5 }, "一二三四五六").Errors.ShouldHaveSingleItem();

        error.FieldKey.ShouldBe("title");
        error.Code.ShouldBe(FormErrorCodes.TooLong);
        error.Args.ShouldBe([5]);
    }

    [Fact]
    public void LimitsTextWithoutAMaximumToTheDefaultLength()
    {
        Validate(Field("title", FieldType.Text), new string('a', FormField.DefaultTextMaxLength)).IsValid.ShouldBeTrue();
        Validate(Field("title", FieldType.Text), new string('a', FormField.DefaultTextMaxLength + 1))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.TooLong);
    }

    [Fact]
    public void RefusesTextShorterThanItsMinimum() =>
        Validate(Field("title", FieldType.Text) with { MinLength = 4 }, "abc")
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.TooShort);

    [Fact]
    public void KeepsLineBreaksInMultiLineText()
    {
        var result = Validate(Field("fault", FieldType.MultiLineText), "第一行\n第二行\n");

        result.Values["fault"].ShouldBe("第一行\n第二行");
    }

    [Fact]
    public void AllowsLongerMultiLineTextByDefault() =>
        Validate(Field("fault", FieldType.MultiLineText), new string('x', FormField.DefaultTextMaxLength + 1)).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData("SH123456", true)]
    [InlineData("SH12345", false)]
    [InlineData("xSH123456", false)]
    [InlineData("SH123456x", false)]
    public void MatchesThePatternAgainstTheWholeText(string value, bool valid)
    {
        var result = Validate(Field("order_no", FieldType.Text) with { Pattern = @"SH\d{6}" }, value);

        result.IsValid.ShouldBe(valid);
        if (!valid) result.Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.PatternMismatch);
    }

    [Fact]
    public void RefusesTextWhosePatternRunsOutOfTimeInsteadOfStalling()
    {
        var field = Field("code", FieldType.Text) with { Pattern = @"(\w+\s?)+!", MaxLength = 4000 };
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = Validate(field, string.Concat(Enumerable.Repeat("abcde ", 600)));

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.PatternMismatch);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AcceptsANumberForATextFieldAsItsDigits() =>
        Validate(Field("order_no", FieldType.Text), 12345).Values["order_no"].ShouldBe("12345");

    [Fact]
    public void RefusesSeveralValuesForOneTextField() =>
        Validate(Field("title", FieldType.Text), new[] { "a", "b" }).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.WrongType);

    [Fact]
    public void TakesTheOnlyValueOfAnHtmlFormPost() =>
        Validate(Field("title", FieldType.Text), new[] { "空调" }).Values["title"].ShouldBe("空调");

    [Fact]
    public void KeepsADeviceModelAsText() =>
        Validate(Field("model", FieldType.DeviceModel), " KFR-35GW ").Values["model"].ShouldBe("KFR-35GW");

    [Fact]
    public void NamesTheFieldInTheMessage() =>
        Validate(Field("title", FieldType.Text, "标题") with { LabelEn = "Title", Required = true }, "")
            .Errors.ShouldHaveSingleItem().Message.ShouldBe("Title is required.");
}

public class PhoneAndEmailFields
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("138-1234-5678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("19912345678", "19912345678")]
    public void StoresAMobileNumberAsItsElevenDigits(string value, string stored) =>
        Validate(Field("mobile", FieldType.Phone), value).Values["mobile"].ShouldBe(stored);

    [Theory]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("021-12345678")]
    [InlineData("1381234567a")]
    [InlineData("１３８１２３４５６７８")]
    public void RefusesWhatIsNotAMainlandMobileNumber(string value)
    {
        var error = Validate(Field("mobile", FieldType.Phone), value).Errors.ShouldHaveSingleItem();

        error.Code.ShouldBe(FormErrorCodes.PhoneInvalid);
        error.Args.ShouldBe([value]);
    }

    [Theory]
    [InlineData("li.lei@example.com")]
    [InlineData("service+repair@shop.example.cn")]
    public void AcceptsAnEmailAddress(string value) =>
        Validate(Field("email", FieldType.Email), value).Values["email"].ShouldBe(value);

    [Theory]
    [InlineData("li.lei")]
    [InlineData("@example.com")]
    [InlineData("li@lei@example.com")]
    [InlineData("li lei@example.com")]
    [InlineData("li@example")]
    [InlineData("li@example.")]
    [InlineData("li@example..com")]
    public void RefusesWhatIsNotAnEmailAddress(string value) =>
        Validate(Field("email", FieldType.Email), value).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.EmailInvalid);
}

public class NumberAndMoneyFields
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData("-3.5", -3.5)]
    [InlineData(" 7 ", 7)]
    public void ParsesNumbersTypedAsText(string value, double expected) =>
        Validate(Field("age", FieldType.Number), value).Values["age"].ShouldBe((decimal)expected);

    [Fact]
    public void AcceptsNumbersFromJsonAndCSharp()
    {
        Validate(Field("age", FieldType.Number), 8).Values["age"].ShouldBe(8m);
        Validate(Field("age", FieldType.Number), 8.5).Values["age"].ShouldBe(8.5m);
        Validate(Field("age", FieldType.Number), JsonDocument.Parse("8.25").RootElement).Values["age"].ShouldBe(8.25m);
    }

    [Theory]
    [InlineData("八")]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData("12abc")]
    public void RefusesWhatIsNotANumber(string value) =>
        Validate(Field("age", FieldType.Number), value).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotANumber);

    [Fact]
    public void RefusesABooleanForANumber() =>
        Validate(Field("age", FieldType.Number), true).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotANumber);

    [Theory]
    [InlineData("2", true)]
    [InlineData("3", true)]
    [InlineData("18", true)]
    [InlineData("1.99", false)]
    [InlineData("18.01", false)]
    public void KeepsANumberWithinItsRange(string value, bool valid)
    {
        var result = Validate(Field("age", FieldType.Number) with { Min = 2, Max = 18 }, value);

        result.IsValid.ShouldBe(valid);
        if (!valid)
        {
            var error = result.Errors.ShouldHaveSingleItem();
            error.Code.ShouldBe(FormErrorCodes.OutOfRange);
            error.Args.ShouldBe([2m, 18m]);
            error.Message.ShouldEndWith("must be between 2 and 18.");
        }
    }

    [Theory]
    [InlineData("128.50", 12850)]
    [InlineData("128.5", 12850)]
    [InlineData("¥1,280", 128000)]
    [InlineData("￥ 3000.00", 300000)]
    [InlineData("0.01", 1)]
    public void StoresYuanTypedAsTextInFen(string value, long fen) =>
        Validate(Field("price", FieldType.Money), value).Values["price"].ShouldBe(fen);

    [Fact]
    public void TakesAWholeNumberAsFen()
    {
        Validate(Field("price", FieldType.Money), 12850L).Values["price"].ShouldBe(12850L);
        Validate(Field("price", FieldType.Money), JsonDocument.Parse("12850").RootElement).Values["price"].ShouldBe(12850L);
    }

    [Theory]
    [InlineData("1.005")]
    [InlineData("abc")]
    [InlineData("¥")]
    public void RefusesWhatIsNotAnAmountInYuan(string value) =>
        Validate(Field("price", FieldType.Money), value).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotAnAmount);

    [Fact]
    public void RefusesAFractionOfAFen() =>
        Validate(Field("price", FieldType.Money), 12.5m).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotAnAmount);

    [Fact]
    public void ComparesMoneyWithLimitsGivenInYuan()
    {
        var price = Field("price", FieldType.Money) with { Min = 10, Max = 3000 };

        Validate(price, "3000").IsValid.ShouldBeTrue();
        Validate(price, "3000.01").Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.OutOfRange);
        Validate(price, 999L).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.OutOfRange);
    }
}

public class DateFields
{
    [Theory]
    [InlineData("2026-11-24")]
    [InlineData("2026/11/24")]
    [InlineData("2026-11-24 ")]
    public void ParsesADate(string value) =>
        Validate(Field("visit", FieldType.Date), value).Values["visit"].ShouldBe(new DateOnly(2026, 11, 24));

    [Theory]
    [InlineData("24/11/2026")]
    [InlineData("2026-13-01")]
    [InlineData("明天")]
    public void RefusesWhatIsNotADate(string value) =>
        Validate(Field("visit", FieldType.Date), value).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotADate);

    [Fact]
    public void KeepsADateWithinItsRange()
    {
        var visit = Field("visit", FieldType.Date) with { MinDate = new(2026, 11, 1), MaxDate = new(2026, 11, 30) };

        Validate(visit, new DateOnly(2026, 11, 30)).IsValid.ShouldBeTrue();
        var error = Validate(visit, "2026-12-01").Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(FormErrorCodes.OutOfRange);
        error.Message.ShouldEndWith("must be between 2026-11-01 and 2026-11-30.");
    }

    [Theory]
    [InlineData("2026-11-24T14:30")]
    [InlineData("2026-11-24T14:30:00")]
    [InlineData("2026-11-24 14:30")]
    [InlineData("2026-11-24T06:30:00Z")]
    [InlineData("2026-11-24T14:30:00+08:00")]
    public void StoresADateTimeAsChinaWallClockTime(string value) =>
        Validate(Field("at", FieldType.DateTime), value).Values["at"].ShouldBe(new DateTime(2026, 11, 24, 14, 30, 0));

    [Fact]
    public void ConvertsAnOffsetTimeFromCSharpToChinaTime() =>
        Validate(Field("at", FieldType.DateTime), new DateTimeOffset(2026, 11, 24, 6, 30, 0, TimeSpan.Zero))
            .Values["at"].ShouldBe(new DateTime(2026, 11, 24, 14, 30, 0));

    [Theory]
    [InlineData("2026-11-24")]
    [InlineData("14:30")]
    [InlineData("2026-11-24T25:00")]
    public void RefusesWhatIsNotADateTime(string value) =>
        Validate(Field("at", FieldType.DateTime), value).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotADateTime);

    [Fact]
    public void LimitsADateTimeByItsDay() =>
        Validate(Field("at", FieldType.DateTime) with { MaxDate = new(2026, 11, 23) }, "2026-11-24T00:01")
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.OutOfRange);
}

public class SelectFields
{
    [Fact]
    public void AcceptsOneOfTheOptions() =>
        Validate(Select("kind", "产品咨询", "售后服务"), "售后服务").Values["kind"].ShouldBe("售后服务");

    [Fact]
    public void RefusesAValueThatIsNotAnOption()
    {
        var error = Validate(Select("kind", "产品咨询", "售后服务"), "投诉").Errors.ShouldHaveSingleItem();

        error.Code.ShouldBe(FormErrorCodes.NotAnOption);
        error.Args.ShouldBe(["投诉"]);
    }

    [Fact]
    public void ComparesOptionsExactly() =>
        Validate(Select("size", "S", "M"), "s").Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotAnOption);

    [Fact]
    public void StoresMultiSelectChoicesOnceInOptionOrder() =>
        Validate(MultiSelect("slots", "周一上午", "周一下午", "周二上午"), new[] { "周二上午", "周一上午", "周二上午", "" })
            .Values["slots"].ShouldBe(new[] { "周一上午", "周二上午" });

    [Fact]
    public void TakesASingleValueForAMultiSelect() =>
        Validate(MultiSelect("slots", "周一上午", "周一下午"), "周一下午").Values["slots"].ShouldBe(new[] { "周一下午" });

    [Fact]
    public void TakesAJsonArrayForAMultiSelect() =>
        Validate(MultiSelect("slots", "a", "b"), JsonDocument.Parse("""["b","a"]""").RootElement)
            .Values["slots"].ShouldBe(new[] { "a", "b" });

    [Fact]
    public void RefusesAMultiSelectChoiceThatIsNotAnOption() =>
        Validate(MultiSelect("slots", "a", "b"), new[] { "a", "z" }).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotAnOption);

    [Fact]
    public void CountsMultiSelectChoicesAgainstItsLimits()
    {
        var slots = MultiSelect("slots", "a", "b", "c") with { MinLength = 2, MaxLength = 2 };

        Validate(slots, new[] { "a" }).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.TooFewChoices);
        Validate(slots, new[] { "a", "b", "c" }).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.TooManyChoices);
        Validate(slots, new[] { "a", "c" }).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void RefusesANumberListForAMultiSelect() =>
        Validate(MultiSelect("slots", "1", "2"), JsonDocument.Parse("[1,2]").RootElement)
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.WrongType);
}

public class CheckboxFields
{
    [Theory]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ReadsWhatBrowsersAndClientsSend(string? value, bool expected) =>
        Validate(Field("agree", FieldType.Checkbox), value).Values["agree"].ShouldBe(expected);

    [Fact]
    public void ReadsTheBoxOfAnAspNetCheckboxPair()
    {
        Validate(Field("agree", FieldType.Checkbox), new[] { "true", "false" }).Values["agree"].ShouldBe(true);
        Validate(Field("agree", FieldType.Checkbox), new[] { "false" }).Values["agree"].ShouldBe(false);
    }

    [Fact]
    public void AcceptsBooleans()
    {
        Validate(Field("agree", FieldType.Checkbox), true).Values["agree"].ShouldBe(true);
        Validate(Field("agree", FieldType.Checkbox), JsonDocument.Parse("false").RootElement).Values["agree"].ShouldBe(false);
    }

    [Fact]
    public void RefusesOtherText() =>
        Validate(Field("agree", FieldType.Checkbox), "maybe").Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.NotABoolean);

    [Fact]
    public void MustBeCheckedWhenRequired() =>
        Validate(Field("agree", FieldType.Checkbox) with { Required = true }, "false")
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.Required);
}

public class AddressFields
{
    [Fact]
    public void TakesPlainTextAsAnAddressWithoutAPoint() =>
        Validate(Field("site", FieldType.Address), "上海市静安区南京西路 1000 号")
            .Values["site"].ShouldBe(new AddressValue("上海市静安区南京西路 1000 号"));

    [Fact]
    public void KeepsTheMapPoint()
    {
        var address = new AddressValue("南京西路 1000 号", new GeoPoint(31.2304, 121.4737));

        Validate(Field("site", FieldType.Address), address).Values["site"].ShouldBe(address);
    }

    [Fact]
    public void ReadsAnAddressFromJson()
    {
        var json = JsonDocument.Parse("""{"text":"南京西路 1000 号","lat":31.2304,"lng":121.4737}""").RootElement;

        Validate(Field("site", FieldType.Address), json).Values["site"].ShouldBe(new AddressValue("南京西路 1000 号", new GeoPoint(31.2304, 121.4737)));
    }

    [Theory]
    [InlineData("""{"text":"x","lat":91,"lng":121}""")]
    [InlineData("""{"text":"x","lat":31}""")]
    [InlineData("""{"text":"x","lat":"31","lng":"121"}""")]
    public void RefusesAPointOutsideTheMap(string json) =>
        Validate(Field("site", FieldType.Address), JsonDocument.Parse(json).RootElement)
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.PointInvalid);

    [Fact]
    public void RefusesAnAddressLongerThanItsMaximum() =>
        Validate(Field("site", FieldType.Address) with { MaxLength = 10 }, new string('路', 11))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.TooLong);

    [Fact]
    public void RequiresTextOrAPointWhenRequired() =>
        Validate(Field("site", FieldType.Address) with { Required = true }, new AddressValue("  "))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.Required);
}

public class UploadAndSignatureFields
{
    private static readonly StoredFile Photo = new("files/2026/11/a.jpg", "image/jpeg", 200_000, "现场.jpg");

    private static FormField Photos => Field("photos", FieldType.Upload, "现场照片") with
    {
        AllowedContentTypes = ["image/*", "application/pdf"],
        MaxFileBytes = 1_000_000,
        MaxLength = 2,
    };

    [Fact]
    public void KeepsStoredFileReferences()
    {
        var result = Validate(Photos, new[] { Photo, Photo with { Ref = "files/b.pdf", ContentType = "application/pdf" } });

        result.IsValid.ShouldBeTrue();
        result.Values["photos"].ShouldBeOfType<StoredFile[]>().Length.ShouldBe(2);
    }

    [Fact]
    public void TakesOneFileAsAList() =>
        Validate(Photos, Photo).Values["photos"].ShouldBe(new[] { Photo });

    [Fact]
    public void RefusesAFileLargerThanTheLimit()
    {
        var error = Validate(Photos, Photo with { Size = 1_000_001 }).Errors.ShouldHaveSingleItem();

        error.Code.ShouldBe(FormErrorCodes.FileTooLarge);
        error.Args.ShouldBe(["现场.jpg", 1_000_000L]);
    }

    [Fact]
    public void AppliesTheDefaultSizeLimitWhenNoneIsSet() =>
        Validate(Field("files", FieldType.Upload), Photo with { Size = FormField.DefaultMaxFileBytes + 1 })
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.FileTooLarge);

    [Theory]
    [InlineData("video/mp4")]
    [InlineData("application/x-msdownload")]
    public void RefusesAContentTypeThatIsNotAllowed(string contentType) =>
        Validate(Photos, Photo with { ContentType = contentType }).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.FileTypeNotAllowed);

    [Theory]
    [InlineData("image/png")]
    [InlineData("IMAGE/HEIC")]
    [InlineData("application/pdf; name=report.pdf")]
    public void MatchesAllowedContentTypesWithWildcardsAndWithoutParameters(string contentType) =>
        Validate(Photos, Photo with { ContentType = contentType }).IsValid.ShouldBeTrue();

    [Fact]
    public void RefusesMoreFilesThanAllowed() =>
        Validate(Photos, new[] { Photo, Photo, Photo }).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.TooManyFiles);

    [Fact]
    public void RefusesAFileWithoutAReference() =>
        Validate(Photos, Photo with { Ref = " " }).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.FileInvalid);

    [Fact]
    public void RefusesTextPretendingToBeAFile() =>
        Validate(Photos, "C:/windows/system32").Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.WrongType);

    [Fact]
    public void ReadsStoredFilesFromJson()
    {
        var json = JsonDocument.Parse("""[{"ref":"files/a.jpg","contentType":"image/jpeg","size":1000,"fileName":"a.jpg"}]""").RootElement;

        Validate(Photos, json).Values["photos"].ShouldBe(new[] { new StoredFile("files/a.jpg", "image/jpeg", 1000, "a.jpg") });
    }

    [Fact]
    public void TakesASignatureAsAStoredImage() =>
        Validate(Field("sign", FieldType.Signature), Photo with { ContentType = "image/png" }).IsValid.ShouldBeTrue();

    [Fact]
    public void TakesASignatureAsAnImageDataUrl()
    {
        const string dataUrl = "data:image/png;base64,iVBORw0KGgo=";

        Validate(Field("sign", FieldType.Signature), dataUrl).Values["sign"].ShouldBe(dataUrl);
    }

    [Theory]
    [InlineData("我同意")]
    [InlineData("data:text/html;base64,PGgxPg==")]
    [InlineData("data:image/png;base64,not base64!")]
    [InlineData("data:image/png,rawdata")]
    public void RefusesASignatureThatIsNotAnImage(string value) =>
        Validate(Field("sign", FieldType.Signature), value).Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.SignatureInvalid);

    [Fact]
    public void RefusesASignatureLargerThanTheLimit() =>
        Validate(Field("sign", FieldType.Signature) with { MaxFileBytes = 3 }, "data:image/png;base64,iVBORw0KGgo=")
            .Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.FileTooLarge);
}

public class SectionFields
{
    [Fact]
    public void HoldNoValueSoASubmittedValueIsUnknown()
    {
        var result = Validate([Field("customer", FieldType.Section, "客户信息"), Field("name", FieldType.Text)], ("customer", "x"));

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(FormErrorCodes.UnknownField);
        result.Values.ShouldBeEmpty();
    }
}
