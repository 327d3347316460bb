namespace Bot.Rules.Acknowledgement;

/// <summary>Finding the policy's marker texts (「收到请回复」, 「此条信息不必回复」, 「情况说明」…) in a message.</summary>
internal static class Markers
{
    /// <summary>The marker that occurs first in the text, and where; <c>null</c> when none does.</summary>
    public static (string Marker, int Index)? First(string text, IReadOnlyList<string> markers)
    {
        (string, int)? first = null;
        foreach (var marker in markers)
        {
            if (marker.Length == 0) continue;
            var index = text.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0 && (first is null || index < first.Value.Item2)) first = (marker, index);
        }

        return first;
    }

    public static string? Find(string text, IReadOnlyList<string> markers) => First(text, markers)?.Marker;
}
