using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

public class PeopleApiTests : AdminTest
{
    [Test]
    public async Task A_person_put_is_read_back_listed_updated_and_deleted()
    {
        var put = await JsonAsync(await PutAsync("/api/people/zhangsan", new { name = "张三", department = "语文组", supervisor = "lisi", role = (string?)null }));
        Assert.That(put["userId"]!.GetValue<string>(), Is.EqualTo("zhangsan"));
        Assert.That(put["name"]!.GetValue<string>(), Is.EqualTo("张三"));

        var got = await GetJsonAsync("/api/people/zhangsan");
        Assert.That(got["department"]!.GetValue<string>(), Is.EqualTo("语文组"));
        Assert.That(got["supervisor"]!.GetValue<string>(), Is.EqualTo("lisi"));
        Assert.That(got["role"], Is.Null);

        await JsonAsync(await PutAsync("/api/people/zhangsan", new { name = "张三丰", department = "数学组", supervisor = (string?)null, role = "principal" }));
        var updated = await GetJsonAsync("/api/people/zhangsan");
        Assert.That(updated["name"]!.GetValue<string>(), Is.EqualTo("张三丰"));
        Assert.That(updated["supervisor"], Is.Null);
        Assert.That(updated["role"]!.GetValue<string>(), Is.EqualTo("principal"));

        var list = (await GetJsonAsync("/api/people")).AsArray();
        Assert.That(list.Select(p => p!["userId"]!.GetValue<string>()), Does.Contain("zhangsan"));

        Assert.That((await Api.DeleteAsync("/api/people/zhangsan")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Api.GetAsync("/api/people/zhangsan")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Api.DeleteAsync("/api/people/zhangsan")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_unknown_person_is_404() =>
        Assert.That((await Api.GetAsync("/api/people/nobody")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

    [TestCase(null, "x", null, "name", TestName = "A person without a name is 400 naming name")]
    [TestCase("  ", "x", null, "name", TestName = "A blank name is 400 naming name")]
    [TestCase("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五", "x", null, "name",
        TestName = "A name over 64 characters is 400 naming name")]
    [TestCase("王五", "wangwu", null, "supervisor", TestName = "A person who supervises themself is 400 naming supervisor")]
    [TestCase("王五", null, "teacher", "role", TestName = "An unknown role is 400 naming role")]
    public async Task Bad_input_is_400_naming_the_field_and_stores_nothing(string? name, string? supervisor, string? role, string field)
    {
        var response = await PutAsync("/api/people/wangwu", new { name, department = "", supervisor, role });
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);

        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM people WHERE user_id = 'wangwu'"), Is.Zero);
    }

    [Test]
    public async Task A_name_of_exactly_64_characters_is_accepted() =>
        await JsonAsync(await PutAsync("/api/people/long", new { name = new string('名', 64), department = "" }));
}
