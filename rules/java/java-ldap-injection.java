import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.ldap.support.LdapEncoder;

public class DirectoryAuthenticator {
    private final DirContext ctx;

    public DirectoryAuthenticator(DirContext ctx) {
        this.ctx = ctx;
    }

    public NamingEnumeration<SearchResult> findUser(String username) throws NamingException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        // ruleid: java-ldap-injection
        return ctx.search("ou=people,dc=example,dc=com", "(&(objectClass=person)(uid=" + username + "))", controls);
    }

    public NamingEnumeration<SearchResult> findGroup(String group) throws NamingException {
        String filter = String.format("(cn=%s)", group);
        // ruleid: java-ldap-injection
        return ctx.search("ou=groups,dc=example,dc=com", filter, new SearchControls());
    }

    public NamingEnumeration<SearchResult> findUserSafely(String username) throws NamingException {
        // ok: java-ldap-injection
        return ctx.search("ou=people,dc=example,dc=com", "(&(objectClass=person)(uid={0}))",
                new Object[]{username}, new SearchControls());
    }

    public NamingEnumeration<SearchResult> findUserEncoded(String username) throws NamingException {
        // ok: java-ldap-injection
        return ctx.search("ou=people,dc=example,dc=com", "(uid=" + LdapEncoder.filterEncode(username) + ")",
                new SearchControls());
    }

    public NamingEnumeration<SearchResult> allPeople() throws NamingException {
        // ok: java-ldap-injection
        return ctx.search("ou=people,dc=example,dc=com", "(objectClass=person)", new SearchControls());
    }
}
