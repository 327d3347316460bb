using System.Text;

namespace Bot.Host.Admin;

/// <summary>One CSV record and the line of the file it starts on (what a person sees in their editor).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>RFC 4180 CSV as spreadsheets write it: quoted fields with "" for a quote, CRLF or LF, a UTF-8 BOM tolerated.</summary>
internal static class Csv
{
    /// <summary>The records, without blank lines; <paramref name="error"/> says where a quoted field never ends.</summary>
    public static IReadOnlyList<CsvRecord> Read(string text, out string? error)
    {
        error = null;
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, start, quoted, wasQuoted) = (1, 1, false, false);
        for (var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    (field, wasQuoted) = (new StringBuilder(), false);
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    End();
                    start = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted) error = $"line {start}: a quoted field is never closed";
        End();
        return records;

        void End()
        {
            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Trim().Length > 0) records.Add(new CsvRecord(start, fields.ToList()));
            fields.Clear();
            (field, wasQuoted) = (new StringBuilder(), false);
        }
    }

    /// <summary>
    /// One field for a file people open in a spreadsheet: quoted when it must be, and a leading = + - @ tab or CR
    /// defused (also their full-width forms ＝ ＋ － ＠, which spreadsheets with a Chinese locale read as the same),
    /// so that a name cannot become a formula.
    /// </summary>
    public static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
