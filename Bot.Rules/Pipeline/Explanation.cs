using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;

namespace Bot.Rules.Pipeline;

/// <summary>
/// Why a rule decided as it did, with its wording and its values kept apart: the words with a numbered place for each
/// value (<c>"{0}/{1} chars"</c>, the <see cref="Template"/>) and the values themselves (numbers, durations, names,
/// nested explanations). The admin API and the logs read it in English (<see cref="ToString"/>); the dashboard renders
/// the same values in Chinese, so no page ever has to read English back. A rule writes it as an interpolated string
/// (<c>RuleResult.Pass(Name, $"{length}/{limit} chars")</c>) and the compiler keeps the values apart.
/// </summary>
[InterpolatedStringHandler]
[JsonConverter(typeof(ExplanationJson))]
public sealed class Explanation : IEquatable<Explanation>
{
    private readonly StringBuilder _template;
    private readonly List<object?> _values;
    private string? _english;

    public Explanation(int literalLength, int formattedCount)
    {
        _template = new StringBuilder(literalLength + 4 * formattedCount);
        _values = new List<object?>(formattedCount);
    }

    private Explanation(string template, IEnumerable<object?> values, string? separator)
    {
        _template = new StringBuilder(template);
        _values = [.. values];
        Separator = separator;
    }

    /// <summary>The wording with <c>{0}</c>, <c>{1:HH:mm}</c>… where the values go (literal braces doubled).</summary>
    public string Template => _template.ToString();

    public IReadOnlyList<object?> Values => _values;

    /// <summary>For a list made by <see cref="Join"/>: what stood between its items in English; null otherwise.</summary>
    public string? Separator { get; }

    public void AppendLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _template.Append(text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        _template.Append('{').Append(_values.Count.ToString(CultureInfo.InvariantCulture));
        if (format is not null) _template.Append(':').Append(format);
        _template.Append('}');
        _values.Add(value);
        _english = null;
    }

    /// <summary>Several explanations as one, e.g. each category a banned-content hit found.</summary>
    public static Explanation Join(string separator, IEnumerable<Explanation> items) => new("", items, separator);

    /// <summary>Rebuilds one from its stored parts (see <see cref="ExplanationJson"/>).</summary>
    public static Explanation Of(string template, IEnumerable<object?> values, string? separator = null) => new(template, values, separator);

    /// <summary>Fixed words, with no values.</summary>
    public static implicit operator Explanation(string text) => FromString(text);

    public static Explanation FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var explanation = new Explanation(text.Length, 0);
        explanation.AppendLiteral(text);
        return explanation;
    }

    /// <summary>The English wording, with the values written invariantly: what the admin API and the logs show.</summary>
    public override string ToString() => _english ??= Separator is { } separator
        ? string.Join(separator, _values.Select(English))
        : string.Format(CultureInfo.InvariantCulture, Template, [.. _values.Select(v => v is TimeSpan || v is IEnumerable and not string ? English(v) : v)]);

    public bool Equals(Explanation? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is Explanation other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static string English(object? value) => value switch
    {
        null => "",
        string text => text,
        // Durations as the verdicts have always written them: 1m, 30d, 1h30m.
        TimeSpan span => Moderation.ModerationText.Short(span),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(English)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
