using System.Xml;
using System.Xml.Linq;
namespace Bot.Host.WeCom;

/// <summary>XML parsing that refuses DTDs (no entity expansion, no external fetches) and bounds the document size.</summary>
public static class SafeXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1_000_000,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    // WeCom's payloads nest four levels deep. XElement.Load spends time quadratic in the depth (20,000 levels, a 140 KB
    // body, take seconds of CPU), and the callback envelope is parsed before its signature is checked, so the depth is
    // bounded first by a streaming pass, which is linear and stops at the first element too deep.
    public const int MaxDepth = 32;

    /// <summary>Parses a whole document; <c>null</c> with the reason when it is not well-formed, carries a DTD, or nests too deep.</summary>
    public static XElement? TryParse(string xml, out string? error)
    {
        try
        {
            using (var scan = XmlReader.Create(new StringReader(xml), Settings))
            {
                while (scan.Read())
                {
                    if (scan.Depth > MaxDepth)
                    {
                        error = $"the XML nests deeper than {MaxDepth} levels";
                        return null;
                    }
                }
            }

            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, Settings);
            var root = XElement.Load(reader);
            error = null;
            return root;
        }
        catch (XmlException ex)
        {
            error = $"malformed XML: {ex.Message}";
            return null;
        }
    }

    // Trimmed: WeCom's own examples (doc 99399) write <WebhookUrl> <![CDATA[…]]></WebhookUrl>, a space before the value.
    public static string Child(this XElement element, string name) => element.Element(name)?.Value.Trim() ?? "";

    public static string Path(this XElement element, string parent, string child) =>
        element.Element(parent)?.Element(child)?.Value.Trim() ?? "";
}
