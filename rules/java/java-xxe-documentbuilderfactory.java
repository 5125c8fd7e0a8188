import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;

class InvoiceImporter {
    public Document parse(InputStream body) throws Exception {
        // ruleid: java-xxe-documentbuilderfactory
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        DocumentBuilder builder = dbf.newDocumentBuilder();
        return builder.parse(body);
    }

    public Document parseConfig(InputStream in) throws Exception {
        // ruleid: java-xxe-documentbuilderfactory
        return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(in);
    }
}

class HardenedImporter {
    private static final DocumentBuilderFactory FACTORY;

    static {
        // ok: java-xxe-documentbuilderfactory
        FACTORY = DocumentBuilderFactory.newInstance();
        try {
            FACTORY.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public Document parse(InputStream body) throws Exception {
        return FACTORY.newDocumentBuilder().parse(body);
    }
}

class EntityFreeImporter {
    public Document parse(InputStream body) throws Exception {
        // ok: java-xxe-documentbuilderfactory
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        dbf.setFeature("http://xml.org/sax/features/external-general-entities", false);
        return dbf.newDocumentBuilder().parse(body);
    }
}
