import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

public class XmlUserStore {
    private static final String ALL_USERS = "//users/user";
    private final Document doc;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    public XmlUserStore(Document doc) {
        this.doc = doc;
    }

    public boolean login(String user, String password) throws Exception {
        String q = "//users/user[name='" + user + "' and password='" + password + "']";
        // ruleid: java-xpath-injection
        return (Boolean) xpath.evaluate(q, doc, XPathConstants.BOOLEAN);
    }

    public NodeList byRole(String role) throws Exception {
        // ruleid: java-xpath-injection
        XPathExpression e = xpath.compile(String.format("//users/user[@role='%s']", role));
        return (NodeList) e.evaluate(doc, XPathConstants.NODESET);
    }

    public String email(String user) throws Exception {
        // ruleid: java-xpath-injection
        return xpath.evaluate("/users/user[name='" + user + "']/email", doc);
    }

    public boolean loginSafely(String user, String password) throws Exception {
        xpath.setXPathVariableResolver(v -> "name".equals(v.getLocalPart()) ? user : password);
        // ok: java-xpath-injection
        return (Boolean) xpath.evaluate("//users/user[name=$name and password=$pw]", doc, XPathConstants.BOOLEAN);
    }

    public NodeList all() throws Exception {
        // ok: java-xpath-injection
        return (NodeList) xpath.evaluate(ALL_USERS, doc, XPathConstants.NODESET);
    }

    public String emailChecked(String user) throws Exception {
        // ok: java-xpath-injection
        return xpath.evaluate("/users/user[name='" + escapeXPathLiteral(user) + "']/email", doc);
    }

    private static String escapeXPathLiteral(String s) {
        if (!s.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad user name");
        }
        return s;
    }
}
