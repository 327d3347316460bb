using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Rules.Pipeline;

/// <summary>
/// An <see cref="Explanation"/> as stored with a message's verdicts and a violation:
/// <c>{"template": "{0}/{1} chars", "values": [12, 200]}</c> (the English is rebuilt from them). Values keep their kind where Chinese
/// needs it (<c>{"duration": "00:30:00"}</c>, <c>{"instant": "…"}</c>, a nested explanation as an object, a list as an
/// array), so a page renders a stored explanation exactly as a fresh one.
/// </summary>
public sealed class ExplanationJson : JsonConverter<Explanation>
{
    public override void Write(Utf8JsonWriter writer, Explanation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("template", value.Template);
        if (value.Separator is { } separator) writer.WriteString("separator", separator);
        writer.WritePropertyName("values");
        WriteValue(writer, value.Values, options);
        writer.WriteEndObject();
    }

    public override Explanation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return FromElement(document.RootElement);
    }

    public static Explanation FromElement(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String) return Explanation.FromString(element.GetString()!);
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("template", out var template))
            throw new JsonException("an explanation is an object with a template");
        var separator = element.TryGetProperty("separator", out var s) ? s.GetString() : null;
        var values = element.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(ReadValue) : [];
        return Explanation.Of(template.GetString() ?? "", values, separator);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int or long or short or byte: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double or float or decimal: writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case TimeSpan span:
                writer.WriteStartObject();
                writer.WriteString("duration", span.ToString("c", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case DateTimeOffset instant:
                writer.WriteStartObject();
                writer.WriteString("instant", instant);
                writer.WriteEndObject();
                break;
            case Explanation nested: JsonSerializer.Serialize(writer, nested, options); break;
            case Who who:
                writer.WriteStartObject();
                writer.WriteString("userId", who.UserId);
                writer.WriteString("name", who.Name);
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items) WriteValue(writer, item, options);
                writer.WriteEndArray();
                break;
            case IFormattable formattable: writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }

    private static object? ReadValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ReadValue).ToList(),
        JsonValueKind.Object when element.TryGetProperty("duration", out var d) => TimeSpan.ParseExact(d.GetString()!, "c", CultureInfo.InvariantCulture),
        JsonValueKind.Object when element.TryGetProperty("instant", out var i) => i.GetDateTimeOffset(),
        JsonValueKind.Object when element.TryGetProperty("userId", out var u) =>
            new Who(u.GetString() ?? "", element.TryGetProperty("name", out var n) ? n.GetString() ?? "" : ""),
        JsonValueKind.Object => FromElement(element),
        _ => null,
    };
}
