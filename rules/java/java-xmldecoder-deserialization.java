import java.beans.XMLDecoder;
import java.beans.XMLEncoder;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import javax.servlet.http.HttpServletRequest;

public class LayoutController {
    public Object restoreLayout(HttpServletRequest request) throws Exception {
        // ruleid: java-xmldecoder-deserialization
        try (XMLDecoder decoder = new XMLDecoder(request.getInputStream())) {
            return decoder.readObject();
        }
    }

    public Object importFile(InputStream upload) {
        // ruleid: java-xmldecoder-deserialization
        XMLDecoder d = new XMLDecoder(new BufferedInputStream(upload), null, e -> { });
        return d.readObject();
    }

    public Object defaults() {
        // ok: java-xmldecoder-deserialization
        XMLDecoder d = new XMLDecoder(getClass().getResourceAsStream("/layout-defaults.xml"));
        return d.readObject();
    }

    public byte[] saveLayout(Object layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ok: java-xmldecoder-deserialization
        try (XMLEncoder encoder = new XMLEncoder(out)) {
            encoder.writeObject(layout);
        }
        return out.toByteArray();
    }
}
