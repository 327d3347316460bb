using System.Text;

namespace Bot.Host.WeCom;

/// <summary>Reads a request body as UTF-8, stopping as soon as it passes the limit, so a huge body costs nothing.</summary>
public static class BoundedBody
{
    /// <summary>The body, or <c>null</c> when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
