using System.IO;
using System.Xml;

public class InvoiceParser
{
    public XmlDocument Parse(Stream body)
    {
        var settings = new XmlReaderSettings
        {
            // ruleid: csharp-xxe-dtd-processing
            DtdProcessing = DtdProcessing.Parse,
            // ruleid: csharp-xxe-dtd-processing
            XmlResolver = new XmlUrlResolver(),
        };
        var doc = new XmlDocument();
        doc.Load(XmlReader.Create(body, settings));
        return doc;
    }

    public XmlDocument ParseLegacy(string xml)
    {
        var doc = new XmlDocument();
        // ruleid: csharp-xxe-dtd-processing
        doc.XmlResolver = new XmlUrlResolver();
        doc.LoadXml(xml);
        return doc;
    }

    public XmlDocument ParseSafely(Stream body)
    {
        var settings = new XmlReaderSettings
        {
            // ok: csharp-xxe-dtd-processing
            DtdProcessing = DtdProcessing.Prohibit,
            // ok: csharp-xxe-dtd-processing
            XmlResolver = null,
        };
        var doc = new XmlDocument { XmlResolver = null };
        doc.Load(XmlReader.Create(body, settings));
        return doc;
    }
}
