import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.NoTypePermission;
import java.io.InputStream;

public class OrderXmlImporter {
    private final XStream xstream = new XStream();

    public Order parse(String xml) {
        // ruleid: java-xstream-deserialization
        return (Order) xstream.fromXML(xml);
    }

    public Object parseStream(InputStream body) {
        XStream local = new XStream();
        local.alias("order", Order.class);
        // ruleid: java-xstream-deserialization
        return local.fromXML(body);
    }

    public String write(Order order) {
        // ok: java-xstream-deserialization
        return xstream.toXML(order);
    }
}

class RestrictedOrderImporter {
    private final XStream xstream;

    RestrictedOrderImporter() {
        xstream = new XStream();
        xstream.addPermission(NoTypePermission.NONE);
        xstream.allowTypes(new Class[]{Order.class, LineItem.class});
    }

    public Order parse(String xml) {
        // ok: java-xstream-deserialization
        return (Order) xstream.fromXML(xml);
    }
}

class JsonImporter {
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    public Order parse(String json) throws Exception {
        // ok: java-xstream-deserialization
        return mapper.readValue(json, Order.class);
    }
}
