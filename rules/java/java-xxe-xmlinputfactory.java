import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

public class SoapEnvelopeReader {
    public XMLStreamReader open(InputStream body) throws Exception {
        // ruleid: java-xxe-xmlinputfactory
        XMLInputFactory xif = XMLInputFactory.newInstance();
        return xif.createXMLStreamReader(body);
    }

    public XMLStreamReader openDefault(InputStream body) throws Exception {
        // ruleid: java-xxe-xmlinputfactory
        return XMLInputFactory.newFactory().createXMLStreamReader(body);
    }
}

class HardenedSoapEnvelopeReader {
    private final XMLInputFactory xif;

    HardenedSoapEnvelopeReader() {
        // ok: java-xxe-xmlinputfactory
        xif = XMLInputFactory.newInstance();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xif.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    public XMLStreamReader open(InputStream body) throws Exception {
        return xif.createXMLStreamReader(body);
    }
}

class PropertyNameReader {
    public XMLStreamReader open(InputStream body) throws Exception {
        // ok: java-xxe-xmlinputfactory
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty("javax.xml.stream.supportDTD", Boolean.FALSE);
        return f.createXMLStreamReader(body);
    }
}
