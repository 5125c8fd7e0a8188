import java.io.InputStream;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.helpers.DefaultHandler;

public class FeedReader {
    public void read(InputStream feed, DefaultHandler handler) throws Exception {
        // ruleid: java-xxe-saxparserfactory
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        SAXParser parser = factory.newSAXParser();
        parser.parse(feed, handler);
    }

    public void readOther(InputStream feed, DefaultHandler handler) throws Exception {
        // ruleid: java-xxe-saxparserfactory
        SAXParserFactory.newDefaultInstance().newSAXParser().parse(feed, handler);
    }
}

class SafeFeedReader {
    private static final String NO_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    public void read(InputStream feed, DefaultHandler handler) throws Exception {
        // ok: java-xxe-saxparserfactory
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setFeature(NO_DOCTYPE, true);
        factory.newSAXParser().parse(feed, handler);
    }
}

class EntityFreeFeedReader {
    public void read(InputStream feed, DefaultHandler handler) throws Exception {
        // ok: java-xxe-saxparserfactory
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.newSAXParser().parse(feed, handler);
    }
}
