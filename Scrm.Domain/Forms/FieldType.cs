using System.Text.Json.Serialization;

namespace Scrm.Domain.Forms;

/// <summary>What a form field collects; stored by name so that adding a type never renumbers stored schemas.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldType>))]
public enum FieldType
{
    Text,
    MultiLineText,
    Number,
    /// <summary>An amount of money, stored in fen (long).</summary>
    Money,
    Date,
    DateTime,
    SingleSelect,
    MultiSelect,
    Checkbox,
    /// <summary>A mainland mobile number, stored as its 11 digits.</summary>
    Phone,
    Email,
    /// <summary>Address text with an optional map point.</summary>
    Address,
    DeviceModel,
    /// <summary>Photos or files: a list of <see cref="StoredFile"/>s.</summary>
    Upload,
    /// <summary>A stored image or an image data URL.</summary>
    Signature,
    /// <summary>A heading that groups the fields after it; holds no value.</summary>
    Section,
}
