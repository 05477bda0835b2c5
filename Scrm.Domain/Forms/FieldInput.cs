using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scrm.Domain.Geo;

namespace Scrm.Domain.Forms;

/// <summary>
/// Turns one submitted value into the field's typed value (null when empty) or an error: the rules of each field type.
/// Typed values: string (texts, selects, phone, e-mail, device model), decimal (number), long fen (money),
/// DateOnly, DateTime (China wall-clock time), string[] (multi select), bool, AddressValue, StoredFile[] (upload),
/// StoredFile or data-URL string (signature).
/// </summary>
internal static class FieldInput
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"];
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    public static FormError? Clean(CompiledField c, object? raw, out object? value)
    {
        value = null;
        var f = c.Field;
        switch (f.Type)
        {
            case FieldType.Text or FieldType.MultiLineText or FieldType.DeviceModel or FieldType.Phone or FieldType.Email:
                return CleanText(c, raw, out value);
            case FieldType.Number:
                return CleanNumber(f, raw, out value);
            case FieldType.Money:
                return CleanMoney(f, raw, out value);
            case FieldType.Date:
                return CleanDate(f, raw, out value);
            case FieldType.DateTime:
                return CleanDateTime(f, raw, out value);
            case FieldType.SingleSelect:
                return CleanSingleSelect(c, raw, out value);
            case FieldType.MultiSelect:
                return CleanMultiSelect(c, raw, out value);
            case FieldType.Checkbox:
                return CleanCheckbox(f, raw, out value);
            case FieldType.Address:
                return CleanAddress(c, raw, out value);
            case FieldType.Upload:
                return CleanUpload(f, raw, out value);
            case FieldType.Signature:
                return CleanSignature(f, raw, out value);
            default:
                return null;
        }
    }

    /// <summary>Whether a typed value counts as not filled in; an unchecked checkbox does.</summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        string[] a => a.Length == 0,
        StoredFile[] files => files.Length == 0,
        AddressValue address => address.Text.Length == 0 && address.Point is null,
        _ => false,
    };

    /// <summary>
    /// The typed value of a condition operand or similar text for a field type, without the field's rules:
    /// money in yuan, dates as typed, phone numbers normalised. False when the text is not of that type.
    /// </summary>
    public static bool TryParseText(FieldType type, string text, out object value)
    {
        value = text;
        switch (type)
        {
            case FieldType.Number:
                if (!TryDecimal(text, out var number)) return false;
                value = number;
                return true;
            case FieldType.Money:
                if (!TryYuan(text, out var fen)) return false;
                value = fen;
                return true;
            case FieldType.Date:
                if (!TryDate(text, out var date)) return false;
                value = date;
                return true;
            case FieldType.DateTime:
                if (!TryDateTime(text, out var dateTime)) return false;
                value = dateTime;
                return true;
            case FieldType.Checkbox:
                if (!TryBool(text, out var flag)) return false;
                value = flag;
                return true;
            case FieldType.Phone:
                if (!TryMobile(text, out var mobile)) return false;
                value = mobile;
                return true;
            default:
                return true;
        }
    }

    private static FormError? CleanText(CompiledField c, object? raw, out object? value)
    {
        value = null;
        var f = c.Field;
        var shape = RawInput.Scalar(raw, out var text, out _);
        if (shape is RawShape.Empty) return null;
        if (shape is not (RawShape.Text or RawShape.Number)) return WrongType(f);
        if (text.Length > c.MaxTextLength)
            return FormError.For(f, FormErrorCodes.TooLong, $"allows at most {c.MaxTextLength} characters.", c.MaxTextLength);
        if (f.MinLength is { } min && text.Length < min)
            return FormError.For(f, FormErrorCodes.TooShort, $"needs at least {min} characters.", min);
        if (f.Type == FieldType.Phone)
        {
            if (!TryMobile(text, out var mobile))
                return FormError.For(f, FormErrorCodes.PhoneInvalid, $"'{text}' is not a mainland mobile number.", text);
            text = mobile;
        }
        if (f.Type == FieldType.Email && !IsEmail(text))
            return FormError.For(f, FormErrorCodes.EmailInvalid, $"'{text}' is not an e-mail address.", text);
        if (c.Pattern is { } pattern && !Matches(pattern, text))
            return FormError.For(f, FormErrorCodes.PatternMismatch, "is not in the expected format.", f.Pattern);
        value = text;
        return null;
    }

    // A pattern that runs out of time is treated as not matching: the submission is refused, never the server stalled.
    private static bool Matches(Regex pattern, string text)
    {
        try { return pattern.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    private static FormError? CleanNumber(FormField f, object? raw, out object? value)
    {
        value = null;
        var shape = RawInput.Scalar(raw, out var text, out var number);
        if (shape is RawShape.Empty) return null;
        if (shape is RawShape.Text && !TryDecimal(text, out number) || shape is RawShape.Bool or RawShape.Other)
            return FormError.For(f, FormErrorCodes.NotANumber, "is not a number.");
        if (OutOfRange(f, number, f.Min, f.Max) is { } error) return error;
        value = number;
        return null;
    }

    /// <summary>Text is yuan as a person types it ("128.50", "¥1,280"); a JSON or C# number is already fen.</summary>
    private static FormError? CleanMoney(FormField f, object? raw, out object? value)
    {
        value = null;
        var shape = RawInput.Scalar(raw, out var text, out var number);
        if (shape is RawShape.Empty) return null;
        long fen = 0;
        var ok = shape switch
        {
            RawShape.Text => TryYuan(text, out fen),
            RawShape.Number => number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue,
            _ => false,
        };
        if (!ok) return FormError.For(f, FormErrorCodes.NotAnAmount, "is not an amount in yuan with at most two decimals.");
        if (shape is RawShape.Number) fen = (long)number;
        if (OutOfRange(f, fen / 100m, f.Min, f.Max) is { } error) return error;
        value = fen;
        return null;
    }

    private static FormError? OutOfRange<T>(FormField f, T value, T? min, T? max) where T : struct, IComparable<T>
    {
        var low = min is { } lo && value.CompareTo(lo) < 0;
        var high = max is { } hi && value.CompareTo(hi) > 0;
        if (!low && !high) return null;
        var message = (min, max) switch
        {
            ({ } least, { } most) => $"must be between {Show(least)} and {Show(most)}.",
            ({ } least, null) => $"must be at least {Show(least)}.",
            _ => $"must be at most {Show(max!.Value)}.",
        };
        return FormError.For(f, FormErrorCodes.OutOfRange, message, min, max);
    }

    private static string Show<T>(T value) where T : struct =>
        value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static FormError? CleanDate(FormField f, object? raw, out object? value)
    {
        value = null;
        DateOnly date;
        switch (raw)
        {
            case DateOnly d: date = d; break;
            case DateTime dt: date = DateOnly.FromDateTime(dt); break;
            default:
                var shape = RawInput.Scalar(raw, out var text, out _);
                if (shape is RawShape.Empty) return null;
                if (shape is not RawShape.Text || !TryDate(text, out date))
                    return FormError.For(f, FormErrorCodes.NotADate, "is not a date (yyyy-MM-dd).");
                break;
        }
        if (OutOfRange(f, date, f.MinDate, f.MaxDate) is { } error) return error;
        value = date;
        return null;
    }

    private static FormError? CleanDateTime(FormField f, object? raw, out object? value)
    {
        value = null;
        DateTime at;
        switch (raw)
        {
            case DateTimeOffset o: at = o.ToOffset(ChinaOffset).DateTime; break;
            case DateTime dt: at = ChinaTime(dt); break;
            default:
                var shape = RawInput.Scalar(raw, out var text, out _);
                if (shape is RawShape.Empty) return null;
                if (shape is not RawShape.Text || !TryDateTime(text, out at))
                    return FormError.For(f, FormErrorCodes.NotADateTime, "is not a date and time (yyyy-MM-ddTHH:mm).");
                break;
        }
        if (OutOfRange(f, DateOnly.FromDateTime(at), f.MinDate, f.MaxDate) is { } error) return error;
        value = at;
        return null;
    }

    // Mainland China has one time zone; a time with an offset or in UTC is stored as the wall-clock time there.
    private static DateTime ChinaTime(DateTime dt) => dt.Kind switch
    {
        DateTimeKind.Utc => DateTime.SpecifyKind(dt + ChinaOffset, DateTimeKind.Unspecified),
        DateTimeKind.Local => new DateTimeOffset(dt).ToOffset(ChinaOffset).DateTime,
        _ => dt,
    };

    private static FormError? CleanSingleSelect(CompiledField c, object? raw, out object? value)
    {
        value = null;
        var shape = RawInput.Scalar(raw, out var text, out _);
        if (shape is RawShape.Empty) return null;
        if (shape is not (RawShape.Text or RawShape.Number)) return WrongType(c.Field);
        if (!c.OptionOrder!.TryGetValue(text, out var index))
            return FormError.For(c.Field, FormErrorCodes.NotAnOption, $"has no option '{text}'.", text);
        value = c.Field.Options[index].Value;
        return null;
    }

    private static FormError? CleanMultiSelect(CompiledField c, object? raw, out object? value)
    {
        value = null;
        var f = c.Field;
        var texts = RawInput.Texts(raw);
        if (texts is null) return WrongType(f);
        if (texts.Count == 0) return null;
        var chosen = new bool[f.Options.Count];
        var count = 0;
        foreach (var text in texts)
        {
            if (!c.OptionOrder!.TryGetValue(text, out var index))
                return FormError.For(f, FormErrorCodes.NotAnOption, $"has no option '{text}'.", text);
            if (chosen[index]) continue;
            chosen[index] = true;
            count++;
        }
        if (f.MinLength is { } min && count < min)
            return FormError.For(f, FormErrorCodes.TooFewChoices, $"needs at least {min} choices.", min);
        if (f.MaxLength is { } max && count > max)
            return FormError.For(f, FormErrorCodes.TooManyChoices, $"allows at most {max} choices.", max);
        // Stored in option order, so that the same choices always compare and display alike.
        var values = new string[count];
        for (int i = 0, n = 0; i < chosen.Length; i++)
            if (chosen[i]) values[n++] = f.Options[i].Value;
        value = values;
        return null;
    }

    private static FormError? CleanCheckbox(FormField f, object? raw, out object? value)
    {
        value = null;
        // ASP.NET checkboxes post "true" plus a hidden "false"; the first value is the box.
        if (raw is string[] { Length: > 1 } posted) raw = posted[0];
        var shape = RawInput.Scalar(raw, out var text, out var number);
        bool flag;
        switch (shape)
        {
            case RawShape.Empty: flag = false; break;
            case RawShape.Number when number is 0 or 1: flag = number == 1; break;
            case RawShape.Text or RawShape.Bool when TryBool(text, out flag): break;
            default: return FormError.For(f, FormErrorCodes.NotABoolean, "must be checked or unchecked.");
        }
        value = flag;
        return null;
    }

    private static FormError? CleanAddress(CompiledField c, object? raw, out object? value)
    {
        value = null;
        var f = c.Field;
        AddressValue address;
        switch (raw)
        {
            case AddressValue given:
                address = given with { Text = given.Text?.Trim() ?? "" };
                break;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                if (!TryAddress(json, out address!))
                    return FormError.For(f, FormErrorCodes.PointInvalid, "has a map point outside the valid latitude and longitude.");
                break;
            default:
                var shape = RawInput.Scalar(raw, out var text, out _);
                if (shape is RawShape.Empty) return null;
                if (shape is not RawShape.Text) return WrongType(f);
                address = new AddressValue(text);
                break;
        }
        if (address.Text.Length == 0 && address.Point is null) return null;
        if (address.Text.Length > c.MaxTextLength)
            return FormError.For(f, FormErrorCodes.TooLong, $"allows at most {c.MaxTextLength} characters.", c.MaxTextLength);
        if (c.Pattern is { } pattern && address.Text.Length > 0 && !Matches(pattern, address.Text))
            return FormError.For(f, FormErrorCodes.PatternMismatch, "is not in the expected format.", f.Pattern);
        value = address;
        return null;
    }

    // { "text": "...", "point": { "lat": .., "lng": .. } } as stored, or { "text", "lat", "lng" } flat.
    private static bool TryAddress(JsonElement json, out AddressValue? address)
    {
        address = null;
        var text = RawInput.TryProperty(json, "text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "";
        var holder = RawInput.TryProperty(json, "point", out var p) && p.ValueKind == JsonValueKind.Object ? p : json;
        var hasLat = RawInput.TryProperty(holder, "lat", out var lat);
        var hasLng = RawInput.TryProperty(holder, "lng", out var lng);
        if (!hasLat && !hasLng || lat.ValueKind == JsonValueKind.Null && lng.ValueKind == JsonValueKind.Null)
        {
            address = new AddressValue(text);
            return true;
        }
        if (!hasLat || !hasLng || lat.ValueKind != JsonValueKind.Number || lng.ValueKind != JsonValueKind.Number) return false;
        var (la, ln) = (lat.GetDouble(), lng.GetDouble());
        if (la is < -90 or > 90 || ln is < -180 or > 180) return false;
        address = new AddressValue(text, new GeoPoint(la, ln));
        return true;
    }

    private static FormError? CleanUpload(FormField f, object? raw, out object? value)
    {
        value = null;
        var files = new List<StoredFile>();
        switch (raw)
        {
            case null: break;
            case StoredFile one: files.Add(one); break;
            case IEnumerable<StoredFile> many: files.AddRange(many); break;
            case JsonElement { ValueKind: JsonValueKind.Null }: break;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                if (!TryFile(json, out var file)) return FileInvalid(f);
                files.Add(file);
                break;
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                foreach (var item in array.EnumerateArray())
                {
                    if (!TryFile(item, out var each)) return FileInvalid(f);
                    files.Add(each);
                }
                break;
            case string s when s.Trim().Length == 0: break;
            default: return WrongType(f);
        }
        if (files.Count == 0) return null;
        var maxFiles = f.MaxLength ?? FormField.DefaultMaxFiles;
        if (files.Count > maxFiles)
            return FormError.For(f, FormErrorCodes.TooManyFiles, $"allows at most {maxFiles} files.", maxFiles);
        if (f.MinLength is { } min && files.Count < min)
            return FormError.For(f, FormErrorCodes.TooFewFiles, $"needs at least {min} files.", min);
        foreach (var file in files)
            if (CheckFile(f, file, f.MaxFileBytes ?? FormField.DefaultMaxFileBytes) is { } error) return error;
        value = files.ToArray();
        return null;
    }

    private static FormError? CleanSignature(FormField f, object? raw, out object? value)
    {
        value = null;
        var maxBytes = f.MaxFileBytes ?? FormField.DefaultMaxSignatureBytes;
        switch (raw)
        {
            case StoredFile file:
                if (CheckFile(f, file, maxBytes) is { } error) return error;
                value = file;
                return null;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                if (!TryFile(json, out var stored)) return FileInvalid(f);
                return CleanSignature(f, stored, out value);
        }
        var shape = RawInput.Scalar(raw, out var text, out _);
        if (shape is RawShape.Empty) return null;
        if (shape is not RawShape.Text) return WrongType(f);
        const string prefix = "data:";
        const string marker = ";base64,";
        var comma = text.IndexOf(marker, StringComparison.Ordinal);
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || comma < 0)
            return FormError.For(f, FormErrorCodes.SignatureInvalid, "is not a signature image.");
        var contentType = text[prefix.Length..comma];
        var data = text.AsSpan(comma + marker.Length);
        if (!contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || data.Length == 0 || !Base64.IsValid(data))
            return FormError.For(f, FormErrorCodes.SignatureInvalid, "is not a signature image.");
        if (CheckFile(f, new StoredFile("data-url", contentType, data.Length / 4L * 3, "signature"), maxBytes) is { } tooBig)
            return tooBig;
        value = text;
        return null;
    }

    private static FormError? CheckFile(FormField f, StoredFile file, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(file.Ref) || string.IsNullOrWhiteSpace(file.ContentType) || file.Size < 0)
            return FileInvalid(f);
        var name = file.FileName ?? file.Ref;
        if (file.Size > maxBytes)
            return FormError.For(f, FormErrorCodes.FileTooLarge, $"file '{name}' is larger than {maxBytes} bytes.", name, maxBytes);
        if (f.AllowedContentTypes.Count > 0 && !IsAllowed(file.ContentType, f.AllowedContentTypes))
        {
            var allowed = string.Join(", ", f.AllowedContentTypes);
            return FormError.For(f, FormErrorCodes.FileTypeNotAllowed,
                $"file '{name}' is {file.ContentType}, which is not one of {allowed}.", name, file.ContentType, allowed);
        }
        return null;
    }

    /// <summary>"image/*" allows every image; parameters such as "; charset=utf-8" are ignored.</summary>
    private static bool IsAllowed(string contentType, IReadOnlyList<string> allowed)
    {
        var semicolon = contentType.IndexOf(';');
        var type = (semicolon < 0 ? contentType : contentType[..semicolon]).AsSpan().Trim();
        foreach (var entry in allowed)
        {
            var pattern = entry.AsSpan().Trim();
            if (pattern.EndsWith("/*"))
            {
                if (type.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)) return true;
            }
            else if (type.Equals(pattern, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool TryFile(JsonElement json, out StoredFile file)
    {
        file = null!;
        if (json.ValueKind != JsonValueKind.Object
            || !RawInput.TryProperty(json, "ref", out var r) || r.ValueKind != JsonValueKind.String
            || !RawInput.TryProperty(json, "contentType", out var t) || t.ValueKind != JsonValueKind.String
            || !RawInput.TryProperty(json, "size", out var s) || !s.TryGetInt64(out var size))
            return false;
        var name = RawInput.TryProperty(json, "fileName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        file = new StoredFile(r.GetString()!, t.GetString()!, size, name);
        return true;
    }

    private static FormError FileInvalid(FormField f) =>
        FormError.For(f, FormErrorCodes.FileInvalid, "has a file without a reference, content type or size.");

    private static FormError WrongType(FormField f) =>
        FormError.For(f, FormErrorCodes.WrongType, $"has a value of the wrong kind for a {f.Type} field.", f.Type.ToString());

    private static bool TryDecimal(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);

    private static bool TryYuan(string text, out long fen)
    {
        fen = 0;
        var s = text.AsSpan().Trim();
        if (s.Length > 0 && s[0] is '¥' or '￥') s = s[1..].TrimStart();
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
                CultureInfo.InvariantCulture, out var yuan)) return false;
        if (Math.Abs(yuan) > 90_000_000_000_000_000m) return false;
        var cents = yuan * 100;
        if (cents != decimal.Truncate(cents)) return false;
        fen = (long)cents;
        return true;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryDateTime(string text, out DateTime at)
    {
        if (DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out at)) return true;
        if (!DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            return false;
        at = withOffset.ToOffset(ChinaOffset).DateTime;
        return true;
    }

    private static bool TryBool(string text, out bool flag)
    {
        flag = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("on", StringComparison.OrdinalIgnoreCase)
            || text is "1" or "是";
        return flag || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("off", StringComparison.OrdinalIgnoreCase)
            || text is "0" or "否";
    }

    /// <summary>
    /// A mainland mobile number (1[3-9] and nine digits) with separators and +86 removed. Not PhoneNumber.Parse:
    /// that one also takes landlines and reports by exception, which would cost microseconds per bad submission.
    /// </summary>
    internal static bool TryMobile(string text, out string mobile)
    {
        mobile = text;
        Span<char> buffer = stackalloc char[20];
        var n = 0;
        foreach (var ch in text)
        {
            if (ch is ' ' or '-' or '(' or ')') continue;
            if (n == buffer.Length) return false;
            buffer[n++] = ch;
        }
        var digits = buffer[..n];
        if (digits.StartsWith("+86")) digits = digits[3..];
        if (digits.Length != 11 || digits[0] != '1' || digits[1] is < '3' or > '9') return false;
        foreach (var ch in digits)
            if (!char.IsAsciiDigit(ch)) return false;
        if (!digits.SequenceEqual(text)) mobile = new string(digits);
        return true;
    }

    /// <summary>A practical check (one @, a dotted domain, no spaces), not RFC 5322: the address is confirmed by use.</summary>
    internal static bool IsEmail(string text)
    {
        if (text.Length > 254) return false;
        var at = text.IndexOf('@');
        if (at is <= 0 or > 64 || at != text.LastIndexOf('@')) return false;
        var domain = text.AsSpan(at + 1);
        var dot = domain.IndexOf('.');
        if (dot <= 0 || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal)) return false;
        foreach (var ch in text)
            if (char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '<' or '>' or ',' or ';') return false;
        return true;
    }
}
