using CsvHelper;

namespace Bot.Host.People;

/// <summary>A line of an import that cannot be imported, and every reason (line 0: the file as a whole).</summary>
public sealed record ImportRowError(int Row, IReadOnlyList<string> Errors);

/// <summary>
/// The people CSV as spreadsheets save it (read by CsvHelper): <c>账号,姓名,部门,负责人</c> (账号 or userid; or the English header
/// <c>userid,name,department,supervisor</c>, or none), four columns a line, quoted fields, CRLF or LF, a UTF-8 BOM.
/// Every bad line is reported with its line number as the office's editor shows it, so the file is fixed in one go.
/// </summary>
public static class PeopleCsv
{
    public const int MaxRows = 5000;
    public const long MaxBytes = 4 * 1024 * 1024;

    public static readonly IReadOnlyList<string> Header = ["账号", "姓名", "部门", "负责人"];
    private static readonly string[] EnglishHeader = ["userid", "name", "department", "supervisor"];

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        TrimWhitespace = true,
        MalformedData = CsvMalformedDataHandling.Throw,
    };

    /// <summary>The rows that read as people, and the lines that do not; nothing is checked against the directory here.</summary>
    public static (IReadOnlyList<(int Line, PersonFields Person)> Rows, IReadOnlyList<ImportRowError> Errors) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<(int, PersonFields)>();
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = CsvReader.FromText(text.TrimStart('\uFEFF'), Options);
        try
        {
            while (reader.Read())
            {
                var line = (int)reader.LineNumber;
                var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "").ToList();
                if (rows.Count == 0 && errors.Count == 0 && IsHeader(fields)) continue;
                if (rows.Count + errors.Count >= MaxRows)
                {
                    errors.Add(new ImportRowError(line, [$"第{line}行起超过{MaxRows}行，请分批导入"]));
                    break;
                }

                var problems = new List<string>();
                if (fields.Count != Header.Count) problems.Add($"应为4列（{string.Join(",", Header)}），实际{fields.Count}列");
                string At(int i) => i < fields.Count ? fields[i] : "";
                var person = PersonFields.Of(At(0), At(1), At(2), At(3));
                problems.AddRange(PersonRules.Check(person).Select(p => p.Message));
                if (person.UserId.Length > 0 && !seen.TryAdd(person.UserId, line)) problems.Add($"账号「{person.UserId}」与第{seen[person.UserId]}行重复");
                if (problems.Count > 0) errors.Add(new ImportRowError(line, problems));
                else rows.Add((line, person));
            }
        }
        catch (CsvFormatException bad)
        {
            var line = (int)bad.LineNumber;
            errors.Add(new ImportRowError(line, [$"第{line}行起引号不成对：带引号的字段没有结束"]));
        }

        if (rows.Count == 0 && errors.Count == 0) errors.Add(new ImportRowError(0, ["文件中没有人员"]));
        return (rows, errors);
    }

    /// <summary>Who is named as a supervisor but is neither in the file nor in the directory: their escalations would reach nobody.</summary>
    public static IReadOnlyList<ImportRowError> UnknownSupervisors(IReadOnlyList<(int Line, PersonFields Person)> rows, IReadOnlySet<string> known)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inFile = rows.Select(r => r.Person.UserId).ToHashSet(StringComparer.Ordinal);
        return [.. rows.Where(r => r.Person.Supervisor is { } s && !inFile.Contains(s) && !known.Contains(s))
            .Select(r => new ImportRowError(r.Line, [$"负责人「{r.Person.Supervisor}」不在文件中，也不在通讯录中"]))];
    }

    /// <summary>The header row, Chinese (the first column 「账号」, or 「userid」 as WeCom's exports name it) or English.</summary>
    private static bool IsHeader(List<string> fields)
    {
        var names = fields.Select(f => f.Trim()).ToList();
        return names.Select(n => n.ToLowerInvariant()).SequenceEqual(EnglishHeader)
            || (names.Count == Header.Count && names[0] is "账号" or "userid" && names.Skip(1).SequenceEqual(Header.Skip(1)));
    }
}
