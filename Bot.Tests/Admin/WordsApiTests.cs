using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

public class WordsApiTests : AdminTest
{
    [Test]
    public async Task A_word_added_is_listed_in_its_category_bumps_the_version_and_is_gone_after_delete()
    {
        var before = await Db.ScalarAsync<long>(Database, "SELECT version FROM word_list_version");
        var created = await JsonAsync(await PostAsync("/api/words", new { category = "gambling", pattern = "蓝鲸押注七号", kind = "plain" }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();

        var listed = (await GetJsonAsync("/api/words?category=gambling")).AsArray();
        Assert.That(listed.Select(w => w!["pattern"]!.GetValue<string>()), Does.Contain("蓝鲸押注七号"));
        Assert.That(listed.Select(w => w!["category"]!.GetValue<string>()), Is.All.EqualTo("gambling"));
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT version FROM word_list_version"), Is.GreaterThan(before));

        Assert.That((await Api.DeleteAsync($"/api/words/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await GetJsonAsync("/api/words?category=gambling")).AsArray().Select(w => w!["id"]!.GetValue<long>()), Does.Not.Contain(id));
        Assert.That((await Api.DeleteAsync($"/api/words/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_word_already_listed_is_409()
    {
        await JsonAsync(await PostAsync("/api/words", new { category = "advertising", pattern = "代写蓝鲸报告", kind = "plain" }), HttpStatusCode.Created);
        await JsonAsync(await PostAsync("/api/words", new { category = "advertising", pattern = "代写蓝鲸报告", kind = "plain" }), HttpStatusCode.Conflict);
    }

    [TestCase("gambling", "(赌", "regex", "pattern", TestName = "A regex that does not compile is 400 naming pattern")]
    [TestCase("gambling", "(?<=赌)博", "regex", "pattern", TestName = "A regex the non-backtracking engine refuses (lookbehind) is 400 naming pattern")]
    [TestCase("gambling", "赌(?=博)", "regex", "pattern", TestName = "A regex with a lookahead is 400 naming pattern")]
    [TestCase("abuse", "q\u007f", "plain", "pattern", TestName = "An entry with a control character is 400 naming pattern")]
    [TestCase("abuse", "q", "plain", "pattern", TestName = "An entry of one Latin letter is 400 naming pattern")]
    [TestCase("gambling", "", "plain", "pattern", TestName = "An empty pattern is 400 naming pattern")]
    [TestCase("cooking", "红烧肉", "plain", "category", TestName = "An unknown category is 400 naming category")]
    [TestCase("gambling", "赌博", "fuzzy", "kind", TestName = "An unknown kind is 400 naming kind")]
    [TestCase("allow", "赌*场", "wildcard", "pattern", TestName = "An allow-list entry must be plain")]
    public async Task A_bad_entry_is_400_naming_the_field(string category, string pattern, string kind, string field)
    {
        var problem = await JsonAsync(await PostAsync("/api/words", new { category, pattern, kind }), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task A_list_file_is_imported_all_or_nothing_with_comments_regexes_and_wildcards()
    {
        var refused = await JsonAsync(await PostTextAsync("/api/words/import?category=superstition", "# 迷信\n转发*保平安\nre:(\n"), HttpStatusCode.BadRequest);
        Assert.That(refused["errors"]!["line 3"], Is.Not.Null);
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM word_entries WHERE pattern = '转发*保平安'"), Is.Zero);

        var answer = await JsonAsync(await PostTextAsync("/api/words/import?category=superstition", "# 迷信\n转发*保平安\nre:算命\\d+\n蓝鲸开光符\n"));
        Assert.That(answer["added"]!.GetValue<int>(), Is.EqualTo(3));
        var kinds = await Db.QueryAsync<(string Pattern, string Kind)>(Database,
            "SELECT pattern, kind FROM word_entries WHERE category = 'superstition' AND pattern IN ('转发*保平安', '算命\\d+', '蓝鲸开光符') ORDER BY pattern");
        Assert.That(kinds, Is.EquivalentTo(new[] { ("转发*保平安", "wildcard"), ("算命\\d+", "regex"), ("蓝鲸开光符", "plain") }));
    }

    [Test]
    public async Task Listing_an_unknown_category_is_400() =>
        await JsonAsync(await Api.GetAsync("/api/words?category=cooking"), HttpStatusCode.BadRequest);
}
