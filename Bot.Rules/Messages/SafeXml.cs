using System.Xml;
using System.Xml.Linq;

namespace Bot.Rules.Messages;

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

    /// <summary>Parses a whole document; <c>null</c> with the reason when it is not well-formed or carries a DTD.</summary>
    public static XElement? TryParse(string xml, out string? error)
    {
        try
        {
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

    public static string Child(this XElement element, string name) => element.Element(name)?.Value ?? "";

    public static string Path(this XElement element, string parent, string child) =>
        element.Element(parent)?.Element(child)?.Value ?? "";
}
