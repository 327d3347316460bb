using System.Text;
using WeComIds = Bot.Host.Admin.WeComIds;
using Bot.Storage;

namespace Bot.Host.Dashboard;

/// <summary>One row of an import, with its line number for the report.</summary>
public sealed record CsvPerson(int Line, PersonInput Person);

/// <summary>
/// <c>userid,name,department,supervisor</c>, one person a line, an optional header line, fields quoted as CSV quotes
/// them. Parsing reports every bad row by line and reason, so an import can be refused whole and fixed in one go.
/// </summary>
public static class PeopleCsv
{
    public const int MaxRows = 5000;

    public static (IReadOnlyList<CsvPerson> Rows, IReadOnlyList<string> Errors) Parse(string text)
    {
        var rows = new List<CsvPerson>();
        var errors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i + 1;
            var raw = i == 0 ? lines[i].TrimStart('\uFEFF') : lines[i];
            if (raw.Trim().Length == 0) continue;
            if (rows.Count == 0 && errors.Count == 0 && raw.Replace(" ", "", StringComparison.Ordinal).Equals("userid,name,department,supervisor", StringComparison.OrdinalIgnoreCase))
                continue;
            if (rows.Count + errors.Count >= MaxRows)
            {
                errors.Add($"第{line}行起：超过 {MaxRows} 行，请分批导入");
                break;
            }

            var fields = Fields(raw);
            if (fields is null) { errors.Add($"第{line}行：引号不成对"); continue; }
            if (fields.Count is < 2 or > 4) { errors.Add($"第{line}行：应为4列 userid,name,department,supervisor，实际 {fields.Count} 列"); continue; }
            var (userId, name) = (fields[0].Trim(), fields[1].Trim());
            var department = fields.Count > 2 ? fields[2].Trim() : "";
            var supervisor = fields.Count > 3 ? fields[3].Trim() : "";
            var problem = !WeComIds.IsUserId(userId) ? $"userid「{userId}」无效（{WeComIds.RuleZh}，最长{WeComIds.MaxUserId}个字符）"
                : name.Length is 0 or > 50 ? "姓名为空或超过50字"
                : department.Length > 100 ? "部门超过100字"
                : supervisor.Length > 0 && !WeComIds.IsUserId(supervisor) ? $"负责人「{supervisor}」不是有效的 userid"
                : supervisor == userId ? "负责人不能是本人"
                : seen.TryGetValue(userId, out var first) ? $"userid「{userId}」与第{first}行重复"
                : null;
            if (problem is not null) { errors.Add($"第{line}行：{problem}"); continue; }
            seen[userId] = line;
            rows.Add(new CsvPerson(line, new PersonInput(userId, name, department, supervisor.Length > 0 ? supervisor : null)));
        }

        return (rows, errors);
    }

    /// <summary>Each supervisor must be in the file or already in the directory: an escalation to nobody would be lost.</summary>
    public static IReadOnlyList<string> UnknownSupervisors(IReadOnlyList<CsvPerson> rows, IReadOnlySet<string> known)
    {
        var inFile = rows.Select(r => r.Person.UserId).ToHashSet(StringComparer.Ordinal);
        return [.. rows.Where(r => r.Person.Supervisor is { } s && !inFile.Contains(s) && !known.Contains(s))
            .Select(r => $"第{r.Line}行：负责人「{r.Person.Supervisor}」不在文件中，也不在通讯录中")];
    }

    private static List<string>? Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c is ',' or '，') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }

        if (quoted) return null;
        fields.Add(field.ToString());
        return fields;
    }
}
